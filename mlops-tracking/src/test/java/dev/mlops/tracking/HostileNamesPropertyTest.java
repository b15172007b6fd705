package dev.mlops.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.mlops.api.Field;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.InvalidInputException;
import dev.mlops.api.Schema;
import dev.mlops.api.tracking.ModelSource;
import dev.mlops.api.tracking.NotFoundException;
import dev.mlops.api.tracking.Run;
import dev.mlops.api.tracking.Tracker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;

/**
 * Names built from traversal fragments, separators, encodings, NUL, device names and unicode
 * lookalikes go through every public entry point that turns a name into a path. Whatever each
 * call answers (accepted, or refused with {@link InvalidInputException} or
 * {@link NotFoundException}), nothing appears outside the store's root and nothing inside it is
 * a link pointing out.
 */
class HostileNamesPropertyTest {

    private static final List<String> FRAGMENTS = List.of("..", ".", "/", "\\", "../", "..\\", "%2e", "%2f", "%00",
            "\u0000", "#", ";", ":", "~", "C:", "CON", "nul", "LPT1", "ａ", "а", "\u2215", "\u2044", "\u202e", " ",
            "\n", "*", "?", "models", "runs", "blobs", "x", "iris", "v1", "-", "_", "@", "x".repeat(120));

    @TempDir
    Path sandbox;

    @Test
    void noNameReachesOutsideTheStore() throws IOException {
        Path root = sandbox.resolve("store");
        Frame frame = Frame.builder(Schema.of(Field.of("x", FieldType.NUMERIC))).add(1.0).build();
        try (Tracker tracker = Tracking.local(root); Run run = tracker.experiment("hostile").start()) {
            tracker.registry().register("target", ModelSource.opaque(new byte[] {1}));
            qt().withExamples(400).forAll(hostileNames()).checkAssert(name -> {
                attempt(() -> tracker.experiment(name).start(name).close());
                attempt(() -> run.logArtifact(name, new byte[] {2}));
                attempt(() -> run.logArtifact("dir/" + name + "/leaf", new byte[] {3}));
                attempt(() -> tracker.artifact(run.id(), name));
                attempt(() -> tracker.findRun(name));
                attempt(() -> tracker.metricHistory(name, "loss"));
                attempt(() -> tracker.datasets().log(name, frame));
                attempt(() -> tracker.datasets().version(name + "/1"));
                attempt(() -> tracker.registry().register(name, ModelSource.opaque(new byte[] {4})));
                attempt(() -> tracker.registry().version(name));
                attempt(() -> tracker.registry().setAlias("target", name, 1));
                attempt(() -> tracker.registry().version("target@" + name));
                assertEquals(Set.of("store"), children(sandbox), () -> "after " + printable(name));
            });
        }
        assertNothingLinksOut(root);
    }

    private static Gen<String> hostileNames() {
        return lists().of(integers().between(0, FRAGMENTS.size() - 1)).ofSizeBetween(1, 6)
                .map(picks -> picks.stream().map(FRAGMENTS::get).collect(Collectors.joining()));
    }

    /** Runs one call; a clear refusal is as good an answer as success, anything else fails the test. */
    private static void attempt(Runnable call) {
        try {
            call.run();
        } catch (InvalidInputException | NotFoundException expected) {
            assertFalse(expected.getMessage().isBlank());
        }
    }

    private static Set<String> children(Path directory) {
        try (Stream<Path> list = Files.list(directory)) {
            return list.map(path -> path.getFileName().toString()).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertNothingLinksOut(Path root) throws IOException {
        Path real = root.toRealPath();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path path : (Iterable<Path>) all::iterator) {
                assertFalse(Files.isSymbolicLink(path), path::toString);
                assertTrue(path.toRealPath(LinkOption.NOFOLLOW_LINKS).startsWith(real), path::toString);
            }
        }
    }

    private static String printable(String name) {
        return name.codePoints().mapToObj(c -> c < 0x20 || c > 0x7e ? String.format("\\u%04x", c)
                : Character.toString(c)).collect(Collectors.joining());
    }
}
