package dev.mlops.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.tracking.ModelRegistry;
import dev.mlops.api.tracking.ModelSource;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.core.bundle.ModelBundle;
import dev.mlops.tracking.LocalOptions;
import dev.mlops.tracking.Tracking;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two other JVMs serve a deployment of the same alias on the same file store: when this JVM moves
 * the alias, and when it rolls it back through its own deployment, both converge on the registry's
 * version without a restart.
 */
class MultiJvmConvergenceTest {

    @TempDir
    Path dir;

    /** A child JVM and the last version it said answered. */
    private record Child(Process process, AtomicInteger serving) {
    }

    @Test
    void everyJvmFollowingTheAliasConvergesOnItsVersion() throws Exception {
        ModelBundle one = Toy.bundle(1);
        ModelBundle two = Toy.bundle(2);
        Path store = dir.resolve("store");
        try (Tracker tracker = Tracking.local(store, LocalOptions.defaults().workingDirectory(null))) {
            ModelRegistry registry = tracker.registry();
            registry.register("toy", ModelSource.of(one.toBytes()));
            registry.register("toy", ModelSource.of(two.toBytes()));
            registry.setAlias("toy", "champion", 1);
            List<Child> children = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    children.add(start(store));
                }
                awaitAll(children, 1);
                registry.setAlias("toy", "champion", 2);
                awaitAll(children, 2);
                try (Deployment here = Deployment.of(registry, "toy@champion").pollEvery(null).start()) {
                    registry.setAlias("toy", "champion", 1);
                    here.refresh();
                    registry.setAlias("toy", "champion", 2);
                    here.refresh();
                    assertEquals(1, here.rollback());
                }
                awaitAll(children, 1);
            } finally {
                for (Child child : children) {
                    child.process().getOutputStream().close();
                    assertTrue(child.process().waitFor(60, TimeUnit.SECONDS), "a child stopped");
                    assertEquals(0, child.process().exitValue());
                }
            }
        }
    }

    private static Child start(Path store) throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), DeploymentMain.class.getName(), store.toString(),
                "toy@champion").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        AtomicInteger serving = new AtomicInteger();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith("serving ")) {
                        serving.set(Integer.parseInt(line.substring("serving ".length()).trim()));
                    }
                }
            } catch (java.io.IOException ignored) {
                // the child ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        return new Child(process, serving);
    }

    private static void awaitAll(List<Child> children, int version) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        for (Child child : children) {
            while (child.serving().get() != version && System.nanoTime() < deadline && child.process().isAlive()) {
                Thread.sleep(20);
            }
            assertEquals(version, child.serving().get(), "a child JVM serves the alias's version");
        }
    }
}
