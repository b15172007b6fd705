package dev.mlops.serving;

import dev.mlops.api.Features;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.tracking.LocalOptions;
import dev.mlops.tracking.Tracking;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Another host application: serves a deployment of a file store's alias, polling every 50 ms, and
 * prints the version that answers each request until its standard input closes. Arguments: store,
 * reference.
 */
public final class DeploymentMain {

    private DeploymentMain() {
    }

    public static void main(String[] args) throws Exception {
        try (Tracker tracker = Tracking.local(Path.of(args[0]), LocalOptions.defaults().workingDirectory(null));
                Deployment deployment = Deployment.of(tracker.registry(), args[1]).pollEvery(Duration.ofMillis(50))
                        .start()) {
            Features row = Features.of("x", 0.3, "z", 4, "city", "lima", "plan", "basic", "flag", false);
            Thread stopper = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                    while (in.readLine() != null) {
                        // wait for the parent to close our input
                    }
                } catch (java.io.IOException ignored) {
                    // the parent is gone: stop too
                }
            });
            stopper.start();
            while (stopper.isAlive()) {
                System.out.println("serving " + deployment.predict(row).origin().orElseThrow().version());
                System.out.flush();
                Thread.sleep(20);
            }
        }
    }
}
