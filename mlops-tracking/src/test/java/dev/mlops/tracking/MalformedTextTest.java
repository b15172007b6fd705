package dev.mlops.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.api.DataException;
import dev.mlops.api.Field;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.InvalidInputException;
import dev.mlops.api.Schema;
import dev.mlops.api.tracking.ModelRegistry;
import dev.mlops.api.tracking.ModelSource;
import dev.mlops.api.tracking.ReviewState;
import dev.mlops.api.tracking.Run;
import dev.mlops.api.tracking.RunInfo;
import dev.mlops.api.tracking.RunQuery;
import dev.mlops.api.tracking.StoreException;
import dev.mlops.api.tracking.Tracker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;

/**
 * Text that UTF-8 cannot hold (a lone UTF-16 surrogate) in any key, name or value is refused at the
 * API boundary, before anything is written; and a document that cannot be read (edited by hand,
 * damaged) fails only the queries that need it, naming the file, never a whole experiment or model.
 */
class MalformedTextTest {

    @TempDir
    Path root;

    @Test
    void aLoneSurrogateInAKeyMakesDocumentsUnreadable() throws Exception {
        try (Tracker tracker = Tracking.local(root, options())) {
            Run run = tracker.experiment("e").start("ok");
            ModelRegistry registry = tracker.registry();
            registry.register("m", ModelSource.opaque(new byte[] {1}));
            for (String bad : List.of("k\uD800", "p\uDC00", "\uDFFFx", "a\uD83D")) {
                assertRefused(() -> run.tag(bad, "v"));
                assertRefused(() -> run.tag("k", bad));
                assertRefused(() -> run.logParam(bad, "v"));
                assertRefused(() -> run.logParams(Map.of("ok", "v", bad, "v")));
                assertRefused(() -> run.logMetric(bad, 1.0, 0));
                assertRefused(() -> run.startChild(bad));
                assertRefused(() -> tracker.experiment("e").start(bad));
                assertRefused(() -> tracker.experiment("e").tag(bad, "v"));
                assertRefused(() -> tracker.experiment("e").describe(bad));
                assertRefused(() -> registry.tagVersion("m/1", bad, "v"));
                assertRefused(() -> registry.tagVersion("m/1", "k", bad));
                assertRefused(() -> registry.register("m", ModelSource.opaque(new byte[] {2}).tag(bad, "v")));
                assertRefused(() -> registry.register("m", ModelSource.opaque(new byte[] {2}).metric(bad, 1.0)));
                assertRefused(() -> registry.register("m", ModelSource.opaque(new byte[] {2}).description(bad)));
                assertRefused(() -> registry.createModel("m", "d", Map.of(bad, "v")));
                assertRefused(() -> registry.createModel("m", bad, Map.of()));
                assertRefused(() -> registry.review("m/1", ReviewState.APPROVED, bad, "r"));
                assertRefused(() -> registry.review("m/1", ReviewState.APPROVED, "ana", bad));
                assertThrows(IllegalArgumentException.class, () -> LocalOptions.defaults().actor(bad));
                Frame frame = Frame.builder(Schema.of(Field.of(bad, FieldType.NUMERIC))).add(1.0).build();
                assertThrows(DataException.class, () -> tracker.datasets().log("d", frame));
                Frame values = Frame.builder(Schema.of(Field.of("c", FieldType.CATEGORICAL))).add(bad).build();
                assertThrows(DataException.class, () -> tracker.datasets().log("d", values));
            }
            run.logMetric("loss?", 1.0, 0);
            run.close();
            assertEquals(List.of("loss?"), List.copyOf(tracker.run(run.id()).metrics().keySet()),
                    "no refused name was merged into another");
            assertEquals(1, tracker.experiment("e").runs().size());
            assertEquals(1, registry.versions("m", true).size());
            assertEquals(2, registry.audit("m").size(), "refused changes left no audit entry (create and register only)");
        }
        assertEveryJsonFileParses(root);
    }

    @Test
    void aFailedRunWhoseErrorHoldsALoneSurrogateStaysReadable() throws Exception {
        try (Tracker tracker = Tracking.local(root, options())) {
            Run run = tracker.experiment("e").start("fails");
            run.fail(new IllegalStateException("bad \uD800 text"));
            RunInfo info = tracker.run(run.id());
            assertTrue(info.error().contains("bad \uFFFD text"), info.error());
            assertEquals(1, tracker.experiment("e").runs().size());
        }
        assertEveryJsonFileParses(root);
    }

    @Test
    void anUnreadableRunDocumentFailsOnlyThatRun() throws Exception {
        try (Tracker tracker = Tracking.local(root, options())) {
            Run good = tracker.experiment("e").start("good");
            Run bad = tracker.experiment("e").start("bad");
            good.close();
            bad.tag("t", "v");
            Path file = root.resolve("runs").resolve(bad.id()).resolve("run.json");
            Files.writeString(file, "{ \"broken\": ");
            StoreException error = assertThrows(StoreException.class, () -> bad.tag("t", "w"));
            assertTrue(error.getMessage().contains("run.json"), error.getMessage());
        }
        try (Tracker tracker = Tracking.local(root, options())) {
            List<RunInfo> runs = tracker.experiment("e").runs();
            assertEquals(List.of("good"), runs.stream().map(RunInfo::name).toList());
            assertEquals(1, tracker.experiment("e").search(RunQuery.all()).runs().size());
            String badId = Files.list(root.resolve("runs")).map(p -> p.getFileName().toString())
                    .filter(id -> !id.equals(runs.get(0).id())).findFirst().orElseThrow();
            StoreException error = assertThrows(StoreException.class, () -> tracker.run(badId));
            assertTrue(error.getMessage().contains(badId) && error.getMessage().contains("run.json"),
                    error.getMessage());
            try (Run another = tracker.experiment("e").start("another")) {
                another.logMetric("m", 1, 1);
            }
            assertEquals(2, tracker.experiment("e").runs().size());
        }
    }

    @Test
    void anUnreadableVersionDocumentFailsOnlyThatVersion() throws Exception {
        try (Tracker tracker = Tracking.local(root, options())) {
            ModelRegistry registry = tracker.registry();
            for (int i = 1; i <= 3; i++) {
                registry.register("m", ModelSource.opaque(new byte[] {(byte) i}));
            }
            Path file = root.resolve("registry/m/versions/2.json");
            Files.writeString(file, "{\"format\": 1, \"version\": {\"model\": \"m\", \"version\": \"two\"}}");
            assertEquals(List.of(1, 3), registry.versions("m", true).stream().map(v -> v.version()).toList());
            StoreException error = assertThrows(StoreException.class, () -> registry.version("m/2"));
            assertTrue(error.getMessage().contains("2.json"), error.getMessage());
            assertEquals(4, registry.register("m", ModelSource.opaque(new byte[] {4})).version());
            registry.setAlias("m", "champion", 4);
            assertEquals(4, registry.version("m@champion").version());
            assertEquals(List.of(), registry.versionsFromRun("none"), "a search over every version skips the broken one");
        }
    }

    @Test
    void anUnreadableModelDocumentFailsOnlyThatModel() throws Exception {
        try (Tracker tracker = Tracking.local(root, options())) {
            tracker.registry().register("broken", ModelSource.opaque(new byte[] {1}));
            tracker.registry().register("fine", ModelSource.opaque(new byte[] {2}));
        }
        Path file = root.resolve("registry/broken/model.json");
        Files.writeString(file, "{\"format\": 2");
        try (Tracker tracker = Tracking.local(root, options())) {
            ModelRegistry registry = tracker.registry();
            assertEquals(2, registry.register("fine", ModelSource.opaque(new byte[] {3})).version());
            assertEquals(1, registry.version("broken/1").version(), "a version read needs only its own file");
            StoreException error = assertThrows(StoreException.class, () -> registry.model("broken"));
            assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
            error = assertThrows(StoreException.class, () -> registry.setAlias("broken", "live", 1));
            assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
        }
    }

    @Test
    void anUnreadableDatasetVersionFailsOnlyThatVersion() throws Exception {
        try (Tracker tracker = Tracking.local(root, options())) {
            tracker.datasets().log("d", dev.mlops.core.data.Csv.reader().readString("x\n1\n").frame());
            tracker.datasets().log("d", dev.mlops.core.data.Csv.reader().readString("x\n2\n").frame());
        }
        Files.writeString(root.resolve("datasets/d/versions/1.json"), "{");
        try (Tracker tracker = Tracking.local(root, options())) {
            assertEquals(List.of(2), tracker.datasets().versions("d").stream().map(v -> v.version()).toList());
            StoreException error = assertThrows(StoreException.class, () -> tracker.datasets().version("d/1"));
            assertTrue(error.getMessage().contains("1.json"), error.getMessage());
            assertEquals(3, tracker.datasets().log("d", dev.mlops.core.data.Csv.reader().readString("x\n3\n")
                    .frame()).version(), "the damaged version's number stays taken");
        }
    }

    @Test
    void textWithALoneSurrogateIsRefusedEverywhereAndHarmsNothing() throws Exception {
        try (Tracker tracker = Tracking.local(root, options())) {
            Run run = tracker.experiment("e").start("r");
            ModelRegistry registry = tracker.registry();
            registry.register("m", ModelSource.opaque(new byte[] {1}));
            List<Consumer<String>> entryPoints = List.of(
                    bad -> run.tag(bad, "v"), bad -> run.tag("k", bad), bad -> run.logParam(bad, "v"),
                    bad -> run.logParam("p", bad), bad -> run.logMetric(bad, 1, 0), bad -> run.startChild(bad),
                    bad -> registry.tagVersion("m/1", bad, "v"), bad -> registry.tagVersion("m/1", "k", bad),
                    bad -> registry.createModel("m", bad, Map.of()), bad -> registry.createModel("m", "", Map.of(bad, "")),
                    bad -> registry.register("m", ModelSource.opaque(new byte[] {2}).tag("k", bad)),
                    bad -> registry.register("m", ModelSource.opaque(new byte[] {2}).metric(bad, 0)),
                    bad -> registry.review("m/1", ReviewState.APPROVED, "ana", bad));
            qt().withExamples(300).forAll(malformed(), integers().between(0, entryPoints.size() - 1))
                    .checkAssert((bad, which) -> assertRefused(() -> entryPoints.get(which).accept(bad)));
            run.close();
            assertEquals(1, tracker.experiment("e").runs().size());
            assertEquals(1, registry.versions("m", true).size());
            AuditReplay.assertConsistent(registry, "m", "after refusals");
        }
        assertEveryJsonFileParses(root);
    }

    /** Short printable text with one lone surrogate somewhere in it. */
    private static Gen<String> malformed() {
        return strings().basicLatinAlphabet().ofLengthBetween(0, 20)
                .zip(integers().between(0xD800, 0xDFFF), integers().between(0, 20), (text, surrogate, at) -> {
                    int position = Math.min(at, text.length());
                    return text.substring(0, position) + (char) surrogate.intValue() + text.substring(position);
                });
    }

    private static void assertRefused(Runnable call) {
        InvalidInputException error = assertThrows(InvalidInputException.class, call::run);
        assertTrue(error.getMessage().contains("surrogate") || error.problems().stream()
                .anyMatch(p -> p.toString().contains("surrogate")), error.getMessage());
    }

    static void assertEveryJsonFileParses(Path root) throws Exception {
        ObjectMapper json = new ObjectMapper();
        try (var files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                json.readTree(Files.readAllBytes(file));
            }
        }
    }

    private static LocalOptions options() {
        return LocalOptions.defaults().workingDirectory(null);
    }
}
