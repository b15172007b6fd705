package dev.mlops.tracking.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Frame;
import dev.mlops.api.Field;
import dev.mlops.api.InvalidInputException;
import dev.mlops.api.Schema;
import dev.mlops.api.model.Signature;
import dev.mlops.api.model.Task;
import dev.mlops.api.tracking.ArtifactKind;
import dev.mlops.api.tracking.AuditEntry;
import dev.mlops.api.tracking.ConflictException;
import dev.mlops.api.tracking.DatasetRole;
import dev.mlops.api.tracking.DatasetVersion;
import dev.mlops.api.tracking.Experiment;
import dev.mlops.api.tracking.Lineage;
import dev.mlops.api.tracking.MetricPoint;
import dev.mlops.api.tracking.MetricSummary;
import dev.mlops.api.tracking.ModelRegistry;
import dev.mlops.api.tracking.ModelSource;
import dev.mlops.api.tracking.ModelVersion;
import dev.mlops.api.tracking.NotFoundException;
import dev.mlops.api.tracking.ReviewState;
import dev.mlops.api.tracking.Run;
import dev.mlops.api.tracking.RunComparison;
import dev.mlops.api.tracking.RunFilter.Comparison;
import dev.mlops.api.tracking.RunInfo;
import dev.mlops.api.tracking.RunPage;
import dev.mlops.api.tracking.RunQuery;
import dev.mlops.api.tracking.RunStatus;
import dev.mlops.api.tracking.Tracker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promises every {@link Tracker} implementation keeps. A store implementation's test extends
 * this class and says how to open its store; the file store's is {@code FileStoreContractTest}.
 */
public abstract class TrackerContract {

    /** A clock that moves one second each time it is read, so every timestamp is distinct and known. */
    protected static final class SteppingClock extends Clock {
        private final AtomicLong seconds = new AtomicLong(1_700_000_000L);

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochSecond(seconds.getAndIncrement());
        }
    }

    @TempDir
    protected Path directory;
    protected SteppingClock clock;
    protected Tracker tracker;

    /** Opens the store under test in {@code root}, with {@code clock} and audit actor {@code "tester"}. */
    protected abstract Tracker open(Path root, Clock clock);

    @BeforeEach
    void openStore() {
        clock = new SteppingClock();
        tracker = open(directory, clock);
    }

    @AfterEach
    void closeStore() {
        tracker.close();
    }

    private static Frame frame(double... values) {
        Frame.RowBuilder rows = Frame.builder(dev.mlops.api.Schema.of(
                dev.mlops.api.Field.of("x", dev.mlops.api.FieldType.NUMERIC),
                dev.mlops.api.Field.of("label", dev.mlops.api.FieldType.CATEGORICAL)));
        for (double value : values) {
            rows.add(value, value > 0 ? "pos" : "neg");
        }
        return rows.build();
    }

    // ---- review queues -----------------------------------------------------------------------

    private static dev.mlops.api.tracking.ReviewItem item(String id, double confidence) {
        java.util.Map<String, Object> features = new java.util.LinkedHashMap<>();
        features.put("age", 39);
        features.put("city", "lima");
        features.put("member", true);
        features.put("note", null);
        return new dev.mlops.api.tracking.ReviewItem(id, "income-live", "income", 3, features, ">50K", confidence,
                Instant.parse("2026-12-01T10:00:00Z"));
    }

    @Test
    void aReviewQueueKeepsItemsInOrderTakesEachLabelOnceAndSurvivesReopening() {
        var queue = tracker.reviewQueue("low-confidence", 10);
        assertTrue(queue.offer(item("p1", 0.51)));
        assertTrue(queue.offer(item("p2", 0.55)));
        assertFalse(queue.offer(item("p1", 0.51)), "an id is queued once");
        assertEquals(List.of("p1", "p2"), queue.pending(10).stream().map(i -> i.id()).toList());
        assertEquals(39.0, queue.pending(1).get(0).features().get("age"), "numbers are kept as doubles");
        var done = queue.review("p2", "<=50K", "pays by the hour", "ana");
        assertEquals("<=50K", done.label());
        assertThrows(ConflictException.class, () -> queue.review("p2", ">50K", "", "bob"));
        assertThrows(NotFoundException.class, () -> queue.review("p9", ">50K", "", "bob"));
        assertThrows(IllegalArgumentException.class, () -> queue.review("p1", java.util.List.of(), "", "bob"));
        assertThrows(IllegalArgumentException.class, () -> queue.review("p1", "x", "", " "));
        assertFalse(queue.offer(item("p2", 0.55)), "a reviewed id is not queued again");
        tracker.close();
        tracker = open(directory, clock);
        var again = tracker.reviewQueue("low-confidence", 10);
        assertEquals(List.of(item("p1", 0.51)), again.pending(10));
        assertEquals(1, again.pendingCount());
        assertEquals(List.of(done), again.reviewed());
        assertEquals("pays by the hour", again.reviewed().get(0).reason());
    }

    @Test
    void reviewItemsHoldOnlyTextEveryStoreCanKeep() {
        var queue = tracker.reviewQueue("storable", 10);
        for (String bad : List.of("p\u0000", "p\uD800", "p\uDC00")) {
            assertThrows(IllegalArgumentException.class, () -> item(bad, 0.5));
            assertThrows(IllegalArgumentException.class, () -> new dev.mlops.api.tracking.ReviewItem("ok", "live",
                    "income", 1, Map.of(bad, 1), "yes", 0.5, Instant.EPOCH));
        }
        assertTrue(queue.offer(item("p\uD83D\uDE00", 0.5)), "a surrogate pair is text");
        assertEquals("p\uD83D\uDE00", queue.pending(1).get(0).id());
    }

    @Test
    void aReviewItemOrReviewTooLargeToStoreIsRefusedTheSameWayByEveryStoreAndLosesNothing() {
        var queue = tracker.reviewQueue("large", 10);
        assertTrue(queue.offer(item("kept", 0.5)));
        Map<String, Object> huge = Map.of("text", "x".repeat(dev.mlops.api.tracking.ReviewQueue.MAX_ITEM_BYTES));
        var tooLarge = new dev.mlops.api.tracking.ReviewItem("huge", "live", "income", 1, huge, "yes", 0.5,
                Instant.EPOCH);
        var refused = assertThrows(dev.mlops.api.InvalidInputException.class, () -> queue.offer(tooLarge));
        assertTrue(refused.getMessage().contains("'huge'") && refused.getMessage().contains("8388608"),
                refused.getMessage());
        Map<String, Object> large = Map.of("text", "x".repeat(dev.mlops.api.tracking.ReviewQueue.MAX_ITEM_BYTES - 1000));
        assertTrue(queue.offer(new dev.mlops.api.tracking.ReviewItem("large", "live", "income", 1, large, "yes", 0.5,
                Instant.EPOCH)), "an item just under the limit is taken");
        String longReason = "y".repeat(dev.mlops.api.tracking.ReviewQueue.MAX_REVIEW_BYTES + 1);
        var review = assertThrows(dev.mlops.api.InvalidInputException.class,
                () -> queue.review("kept", ">50K", longReason, "ana"));
        assertTrue(review.getMessage().contains("'kept'"), review.getMessage());
        queue.review("large", "<=50K", "z".repeat(dev.mlops.api.tracking.ReviewQueue.MAX_REVIEW_BYTES - 500), "ana");
        assertEquals(List.of("kept"), queue.pending(10).stream().map(i -> i.id()).toList(), "nothing lost");
        assertEquals(List.of("large"), queue.reviewed().stream().map(r -> r.item().id()).toList());
        tracker.close();
        tracker = open(directory, clock);
        var again = tracker.reviewQueue("large", 10);
        assertEquals(List.of("kept"), again.pending(10).stream().map(i -> i.id()).toList());
        assertEquals(large, again.reviewed().get(0).item().features());
    }

    @Test
    void aFullReviewQueueRefusesNewItemsUntilOneIsReviewed() {
        var queue = tracker.reviewQueue("small", 2);
        assertTrue(queue.offer(item("a", 0.5)));
        assertTrue(queue.offer(item("b", 0.5)));
        assertFalse(queue.offer(item("c", 0.5)), "full");
        queue.review("a", ">50K", "", "ana");
        assertTrue(queue.offer(item("c", 0.5)));
        assertEquals(List.of("b", "c"), queue.pending(5).stream().map(i -> i.id()).toList());
        assertThrows(dev.mlops.api.InvalidInputException.class, () -> tracker.reviewQueue("../escape", 2));
        assertThrows(IllegalArgumentException.class, () -> tracker.reviewQueue("zero", 0));
    }

    @Test
    void twoHandlesOnOneReviewQueueSeeEachOthersWrites() {
        var one = tracker.reviewQueue("shared", 10);
        var two = tracker.reviewQueue("shared", 10);
        assertTrue(one.offer(item("x", 0.6)));
        assertEquals(1, two.pendingCount());
        two.review("x", "<=50K", "", "bob");
        assertEquals(0, one.pendingCount());
        assertThrows(ConflictException.class, () -> one.review("x", "<=50K", "", "ana"));
    }

    // ---- runs --------------------------------------------------------------------------------

    @Test
    void aRunStartsRunningAndClosingFinishesIt() {
        Experiment experiment = tracker.experiment("lifecycle");
        String id;
        try (Run run = experiment.start("first")) {
            id = run.id();
            assertEquals(RunStatus.RUNNING, run.info().status());
            assertNull(run.info().ended());
        }
        RunInfo info = tracker.run(id);
        assertEquals(RunStatus.FINISHED, info.status());
        assertEquals("lifecycle", info.experiment());
        assertEquals("first", info.name());
        assertTrue(info.ended().isAfter(info.started()));
        assertTrue(info.environment().containsKey("java.version"));
        assertTrue(info.environment().containsKey("cpus"));
    }

    @Test
    void aFailedRunRecordsItsErrorAndAnEndedRunTakesNoMoreChanges() {
        Run run = tracker.experiment("lifecycle").start("failing");
        run.fail(new IllegalStateException("diverged at epoch 3"));
        RunInfo info = tracker.run(run.id());
        assertEquals(RunStatus.FAILED, info.status());
        assertTrue(info.error().contains("IllegalStateException: diverged at epoch 3"), info.error());
        assertThrows(ConflictException.class, () -> run.end(RunStatus.KILLED));
        assertThrows(ConflictException.class, () -> run.logParam("late", "1"));
        assertThrows(ConflictException.class, () -> tracker.attach(run.id()));
        run.close(); // closing an ended run changes nothing
        assertEquals(RunStatus.FAILED, tracker.run(run.id()).status());
        assertThrows(IllegalArgumentException.class, () -> tracker.experiment("lifecycle").start().end(RunStatus.RUNNING));
    }

    @Test
    void paramsAreSetOnceAndABatchIsAllOrNothing() {
        try (Run run = tracker.experiment("params").start()) {
            run.logParam("lr", "0.1");
            run.logParam("lr", "0.1");
            ConflictException conflict = assertThrows(ConflictException.class, () -> run.logParam("lr", "0.2"));
            assertTrue(conflict.getMessage().contains("'lr'"), conflict.getMessage());
            assertThrows(ConflictException.class, () -> run.logParams(Map.of("epochs", "5", "lr", "0.3")));
            assertEquals(Map.of("lr", "0.1"), run.info().params());
            run.logParams(Map.of("epochs", "5", "seed", "42"));
            assertEquals(Map.of("epochs", "5", "lr", "0.1", "seed", "42"), run.info().params());
        }
    }

    @Test
    void limitsOnKeysAndValuesAreEnforcedBeforeWriting() {
        try (Run run = tracker.experiment("limits").start()) {
            run.logParam("k".repeat(250), "v".repeat(6000));
            assertThrows(InvalidInputException.class, () -> run.logParam("k".repeat(251), "v"));
            assertThrows(InvalidInputException.class, () -> run.logParam("big", "v".repeat(6001)));
            assertThrows(InvalidInputException.class, () -> run.logParam("", "v"));
            assertThrows(InvalidInputException.class, () -> run.logParam("tab\there", "v"));
            assertThrows(InvalidInputException.class, () -> run.tag("t", "v".repeat(8001)));
            assertThrows(InvalidInputException.class, () -> run.logMetric("m".repeat(251), 1));
            assertEquals(1, run.info().params().size());
        }
    }

    @Test
    void metricsKeepEveryPointWithStepAndTimestamp() {
        String id;
        try (Run run = tracker.experiment("metrics").start()) {
            id = run.id();
            for (int step = 0; step < 2500; step++) {
                run.logMetric("loss", 1.0 / (step + 1), step);
            }
            run.logMetric("odd", Double.NaN, 0);
            run.logMetric("odd", Double.NEGATIVE_INFINITY, 1);
        }
        List<MetricPoint> loss = tracker.metricHistory(id, "loss");
        assertEquals(2500, loss.size());
        for (int step = 0; step < loss.size(); step++) {
            assertEquals(step, loss.get(step).step());
            assertEquals(1.0 / (step + 1), loss.get(step).value());
        }
        assertTrue(loss.get(1).timestamp().isAfter(loss.get(0).timestamp()));
        MetricSummary summary = tracker.run(id).metrics().get("loss");
        assertEquals(new MetricSummary(1.0 / 2500, 2499, 1.0 / 2500, 1.0, 2500), summary);
        List<MetricPoint> odd = tracker.metricHistory(id, "odd");
        assertTrue(Double.isNaN(odd.get(0).value()));
        assertEquals(Double.NEGATIVE_INFINITY, odd.get(1).value());
        assertEquals(Double.NEGATIVE_INFINITY, tracker.run(id).metrics().get("odd").min());
    }

    @Test
    void flushMakesPointsVisibleWhileTheRunGoesOn() {
        try (Run run = tracker.experiment("flush").start()) {
            run.logMetric("acc", 0.5, 1);
            run.flush();
            assertEquals(1, tracker.metricHistory(run.id(), "acc").size());
            assertEquals(0.5, tracker.run(run.id()).metric("acc").orElseThrow());
        }
    }

    @Test
    void tagsChangeAndArtifactsReadBackVerified() throws Exception {
        try (Run run = tracker.experiment("artifacts").start()) {
            run.tag("stage", "draft");
            run.tag("stage", "final");
            run.logArtifact("notes/summary.txt", "hello".getBytes(StandardCharsets.UTF_8));
            run.logJson("report.json", "{\"accuracy\": 0.86}");
            assertThrows(InvalidInputException.class, () -> run.logJson("bad.json", "{not json"));
            Path folder = Files.createDirectories(directory.resolve("outside/plots"));
            Files.writeString(folder.resolve("roc.csv"), "fpr,tpr\n0,0\n1,1\n");
            Files.writeString(folder.resolve("pr.csv"), "r,p\n");
            run.logArtifact("plots", folder);
            run.logArtifact("single.csv", folder.resolve("roc.csv"));
            RunInfo info = run.info();
            assertEquals("final", info.tags().get("stage"));
            assertEquals(List.of("notes/summary.txt", "plots/pr.csv", "plots/roc.csv", "report.json", "single.csv"),
                    info.artifacts().stream().map(a -> a.path()).sorted().toList());
            assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), tracker.artifact(run.id(), "notes/summary.txt"));
            assertEquals("fpr,tpr\n0,0\n1,1\n", new String(tracker.artifact(run.id(), "plots/roc.csv"),
                    StandardCharsets.UTF_8));
            assertEquals(info.artifact("plots/roc.csv").orElseThrow().sha256(),
                    info.artifact("single.csv").orElseThrow().sha256());
            assertThrows(NotFoundException.class, () -> tracker.artifact(run.id(), "missing.txt"));
        }
    }

    @Test
    void threadsShareOneRunWithoutLosingAPointOrATag() throws InterruptedException {
        try (Run run = tracker.experiment("threads").start()) {
            List<Thread> threads = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                String name = "t" + t;
                Thread thread = new Thread(() -> {
                    for (int i = 0; i < 1000; i++) {
                        run.logMetric(name, i, i);
                        if (i % 250 == 0) {
                            run.tag(name, Integer.toString(i));
                        }
                    }
                });
                thread.start();
                threads.add(thread);
            }
            for (Thread thread : threads) {
                thread.join();
            }
            run.flush();
            for (int t = 0; t < 8; t++) {
                assertEquals(java.util.stream.IntStream.range(0, 1000).boxed().toList(), tracker.metricHistory(run.id(),
                        "t" + t).stream().map(point -> (int) point.step()).toList());
                assertEquals("750", run.info().tags().get("t" + t));
            }
        }
    }

    /** Pieces of text that break naive stores: SQL and shell metacharacters, escapes, bidi, emoji. */
    private static final List<String> HOSTILE = List.of("'", "\"", "\\", ";", "--", "/*", "*/", "%", "_", "$1", "?",
            "\n", "\t", "\r", "\u202e", "e\u0301", "\uD83D\uDE00", "\uFFFF", "NULL", "null", "'; DROP TABLE runs; --",
            "\\x00", "\\u0000", "${jndi:x}", "<script>", " ", "ümlaut", "漢字");

    @Test
    void hostileValuesAreStoredExactlyAndNulIsRefusedEverywhere() {
        org.quicktheories.core.Gen<String> values = org.quicktheories.generators.SourceDSL.lists()
                .of(org.quicktheories.generators.SourceDSL.integers().between(0, HOSTILE.size() - 1))
                .ofSizeBetween(1, 40).map(picks -> picks.stream().map(HOSTILE::get)
                        .collect(java.util.stream.Collectors.joining()));
        Experiment experiment = tracker.experiment("hostile-values");
        ModelRegistry registry = tracker.registry();
        ModelVersion version = registry.register("hostile", ModelSource.opaque(new byte[] {1}));
        AtomicLong n = new AtomicLong();
        org.quicktheories.QuickTheory.qt().withExamples(40).forAll(values).checkAssert(value -> {
            String key = "k" + n.incrementAndGet() + value.replaceAll("\\p{Cntrl}", "").strip();
            String safeKey = key.length() > Run.MAX_KEY_LENGTH ? key.substring(0, Run.MAX_KEY_LENGTH).strip() : key;
            try (Run run = experiment.start("hostile")) {
                run.logParam(safeKey, value);
                run.tag(safeKey, value);
                assertEquals(value, tracker.run(run.id()).params().get(safeKey));
                assertEquals(value, tracker.run(run.id()).tags().get(safeKey));
            }
            experiment.describe(value);
            assertEquals(value, experiment.info().description());
            assertEquals(value, registry.tagVersion(version.reference(), "note", value).tags().get("note"));
            assertEquals(value, registry.version(version.reference()).tags().get("note"));
        });
        String withNul = "a\u0000b";
        try (Run run = experiment.start("nul")) {
            assertThrows(InvalidInputException.class, () -> run.logParam("k", withNul));
            assertThrows(InvalidInputException.class, () -> run.tag("k", withNul));
            assertEquals(Map.of(), run.info().params());
        }
        assertThrows(InvalidInputException.class, () -> experiment.describe(withNul));
        assertThrows(InvalidInputException.class, () -> registry.tagVersion(version.reference(), "k", withNul));
        assertThrows(InvalidInputException.class, () -> registry.createModel("hostile", withNul, Map.of()));
        assertThrows(InvalidInputException.class, () -> registry.review(version.reference(), ReviewState.APPROVED,
                "ana", withNul));
        Run failing = experiment.start("fails-with-nul");
        failing.fail(new IllegalStateException("bad byte \u0000 here"));
        assertTrue(tracker.run(failing.id()).error().contains("bad byte \uFFFD here"),
                "a failure's text is kept, its NUL replaced");
    }

    @Test
    void hostileNamesAreRefusedEverywhere() {
        for (String hostile : List.of("../escape", "..\\escape", "/etc/passwd", "a/../../b", "%2e%2e", "nul", "CON",
                "a#b", "a;b", "a\u0000b", "ｅｘｐ", "x".repeat(251), "", ".hidden")) {
            assertThrows(InvalidInputException.class, () -> tracker.experiment(hostile), hostile);
            assertThrows(InvalidInputException.class, () -> tracker.datasets().log(hostile, frame(1)), hostile);
            assertThrows(InvalidInputException.class,
                    () -> tracker.registry().register(hostile, ModelSource.opaque(new byte[] {1})), hostile);
            try (Run run = tracker.experiment("hostile").start()) {
                assertThrows(InvalidInputException.class, () -> run.logArtifact(hostile, new byte[] {1}), hostile);
                assertThrows(InvalidInputException.class, () -> run.logArtifact("ok/" + hostile, new byte[] {1}),
                        hostile);
            }
        }
        assertTrue(tracker.findRun("../../etc").isEmpty());
        assertThrows(NotFoundException.class, () -> tracker.registry().version("../x/1"));
    }

    @Test
    void nestedRunsKnowTheirParent() {
        try (Run parent = tracker.experiment("tuning").start("search")) {
            for (int trial = 0; trial < 3; trial++) {
                try (Run child = parent.startChild("trial-" + trial)) {
                    child.logParam("trial", Integer.toString(trial));
                    child.logMetric("score", trial);
                }
            }
            RunPage children = tracker.experiment("tuning").search(RunQuery.all().childrenOf(parent.id()));
            assertEquals(3, children.total());
            assertTrue(children.runs().stream().allMatch(r -> parent.id().equals(r.parentId())));
        }
    }

    // ---- search and comparison ------------------------------------------------------------------

    @Test
    void searchFiltersOrdersAndPages() {
        Experiment experiment = tracker.experiment("search");
        for (int i = 0; i < 20; i++) {
            Run run = experiment.start("run-" + i);
            run.logParam("depth", Integer.toString(i % 4));
            run.logMetric("accuracy", 0.80 + i * 0.01);
            run.tag("family", i % 2 == 0 ? "tree" : "linear");
            if (i % 5 == 4) {
                run.end(RunStatus.KILLED);
            } else {
                run.close();
            }
        }
        RunQuery best = RunQuery.all().status(RunStatus.FINISHED).metric("accuracy", Comparison.GREATER, 0.855)
                .orderByMetric("accuracy", true);
        RunPage page = experiment.search(best.limit(3));
        assertEquals(List.of("run-18", "run-17", "run-16"), page.runs().stream().map(RunInfo::name).toList());
        assertEquals(11, page.total()); // 6..19 finished: 14 minus killed 9, 14, 19
        assertTrue(page.hasMore());
        RunPage second = experiment.search(best.limit(3).offset(3));
        assertEquals(List.of("run-15", "run-13", "run-12"), second.runs().stream().map(RunInfo::name).toList());
        assertEquals(5, experiment.search(RunQuery.all().param("depth", "1")).total());
        assertEquals(10, experiment.search(RunQuery.all().tag("family", "tree")).total());
        assertEquals(4, experiment.search(RunQuery.all().status(RunStatus.KILLED)).total());
        assertEquals(20, experiment.runs().size());
        assertEquals("run-19", experiment.runs().get(0).name());
        Instant tenth = experiment.runs().get(10).started();
        assertEquals(10, experiment.search(RunQuery.all().startedBetween(tenth.plusMillis(1), null)).total());
    }

    @Test
    void compareShowsWhichParamsDifferAndEveryMetric() {
        Experiment experiment = tracker.experiment("compare");
        String a;
        String b;
        try (Run run = experiment.start()) {
            run.logParams(Map.of("lr", "0.1", "seed", "42"));
            run.logMetric("acc", 0.8);
            a = run.id();
        }
        try (Run run = experiment.start()) {
            run.logParams(Map.of("lr", "0.2", "seed", "42", "depth", "3"));
            run.logMetric("acc", 0.9);
            run.logMetric("f1", 0.7);
            b = run.id();
        }
        RunComparison comparison = tracker.compare(List.of(a, b));
        assertEquals(Map.of("seed", "42"), comparison.commonParams());
        assertEquals(Map.of(a, "0.1", b, "0.2"), comparison.differingParams().get("lr"));
        assertEquals(Map.of(b, "3"), comparison.differingParams().get("depth"));
        assertEquals(Map.of(a, 0.8, b, 0.9), comparison.metrics().get("acc"));
        assertEquals(Map.of(b, 0.7), comparison.metrics().get("f1"));
    }

    @Test
    void anotherTrackerOnTheSameStoreSeesChanges() {
        try (Tracker other = open(directory, clock)) {
            Experiment mine = tracker.experiment("shared");
            assertEquals(0, other.experiment("shared").runs().size());
            try (Run run = mine.start("from-first")) {
                run.logMetric("acc", 0.9);
            }
            RunPage seen = other.experiment("shared").search(RunQuery.all().metric("acc", Comparison.GREATER, 0.5));
            assertEquals(List.of("from-first"), seen.runs().stream().map(RunInfo::name).toList());
            try (Run attached = other.attach(tracker.experiment("shared").start("second").id())) {
                attached.logMetric("acc", 0.95);
            }
            assertEquals(0.95, tracker.experiment("shared").search(RunQuery.all().orderByMetric("acc", true))
                    .runs().get(0).metric("acc").orElseThrow());
        }
    }

    // ---- datasets ------------------------------------------------------------------------------

    @Test
    void datasetsAreStoredOnceByContentAndReadBackEqual() {
        Frame first = frame(1, -2, 3.5, Double.NaN);
        DatasetVersion v1 = tracker.datasets().log("train", first);
        assertEquals(1, v1.version());
        assertEquals(v1, tracker.datasets().log("train", frame(1, -2, 3.5, Double.NaN)));
        DatasetVersion v2 = tracker.datasets().log("train", frame(1, 2));
        assertEquals(2, v2.version());
        assertEquals(List.of(v1, v2), tracker.datasets().versions("train"));
        assertEquals(v2, tracker.datasets().latest("train").orElseThrow());
        assertEquals(first, tracker.datasets().load(v1));
        assertEquals(first.fingerprint(), v1.fingerprint());
        assertEquals(v1, tracker.datasets().version("train/1"));
        assertTrue(tracker.datasets().profileJson(v1).orElseThrow().contains("\"x\""));
        assertThrows(NotFoundException.class, () -> tracker.datasets().version("train/3"));
        assertThrows(NotFoundException.class, () -> tracker.datasets().version("train"));
        DatasetVersion copy = tracker.datasets().log("copy", first);
        assertEquals(1, copy.version());
        assertEquals(List.of("copy", "train"), tracker.datasets().names());
        try (Run run = tracker.experiment("data").start()) {
            run.logInput(v1, DatasetRole.TRAIN);
            run.logInput(v2, DatasetRole.TEST);
            assertEquals(List.of(v1, v2), run.info().inputs().stream().map(i -> i.dataset()).toList());
            assertEquals(DatasetRole.TEST, run.info().inputs().get(1).role());
        }
    }

    @Test
    void aDatasetVersionRemembersWhereItsRowsCameFrom() {
        var origin = dev.mlops.api.tracking.DatasetOrigin.query("select x, label from t where day = ? and 'a;b' <> ?",
                "2026-12-01", "'; drop table t; --");
        DatasetVersion first = tracker.datasets().log("queried", frame(1, 2), origin);
        assertEquals(java.util.Optional.of(origin), tracker.datasets().origin(first));
        assertEquals(first, tracker.datasets().log("queried", frame(1, 2),
                dev.mlops.api.tracking.DatasetOrigin.query("select 1")), "equal content is the same version");
        assertEquals(java.util.Optional.of(origin), tracker.datasets().origin(first), "the first origin stays");
        DatasetVersion plain = tracker.datasets().log("queried", frame(3));
        assertTrue(tracker.datasets().origin(plain).isEmpty());
        assertThrows(InvalidInputException.class, () -> tracker.datasets().log("queried", frame(4),
                dev.mlops.api.tracking.DatasetOrigin.query("select ?", "a\u0000b")));
        assertEquals(2, tracker.datasets().versions("queried").size(), "a refused origin stores nothing");
        assertThrows(NotFoundException.class, () -> tracker.datasets().origin(new DatasetVersion("queried", 9,
                first.fingerprint(), first.created())));
    }

    // ---- registry ------------------------------------------------------------------------------

    private static final Signature SIGNATURE = new Signature(Schema.of(Field.numeric("tenure").required(),
            Field.categorical("plan")), Map.of("plan", List.of("basic", "pro")), "churned",
            Task.CLASSIFICATION, List.of("no", "yes"));

    private ModelVersion registerFromRun(ModelRegistry registry, String model, byte[] bytes, DatasetVersion data) {
        try (Run run = tracker.experiment("models").start()) {
            run.logParam("algorithm", "logistic");
            run.logInput(data, DatasetRole.TRAIN);
            return registry.register(model, ModelSource.opaque(bytes).fromRun(run.id()).trainedOn(data)
                    .metric("accuracy", 0.86).signature(SIGNATURE).tag("team", "risk"));
        }
    }

    @Test
    void versionsAreNumberedFromOneAndArtifactsAreVerified() {
        ModelRegistry registry = tracker.registry();
        DatasetVersion data = tracker.datasets().log("train", frame(1, 2, 3));
        ModelVersion v1 = registerFromRun(registry, "churn", new byte[] {1, 2, 3}, data);
        ModelVersion v2 = registry.register("churn", ModelSource.opaque(new byte[] {4, 5}));
        assertEquals(1, v1.version());
        assertEquals(2, v2.version());
        assertEquals(ReviewState.PENDING_REVIEW, v1.state());
        assertEquals("tester", v1.createdBy());
        assertEquals(v1, registry.version("churn/1"));
        assertArrayEquals(new byte[] {1, 2, 3}, registry.artifact(v1));
        assertEquals(Map.of("accuracy", 0.86), v1.metrics());
        assertEquals(List.of("train/1"), v1.datasets());
        assertEquals(List.of(v1, v2), registry.versions("churn", false));
        assertEquals(List.of("churn"), registry.modelNames());
        assertThrows(NotFoundException.class, () -> registry.version("churn/3"));
        assertThrows(NotFoundException.class, () -> registry.version("nope/1"));
        assertThrows(InvalidInputException.class, () -> registry.register("churn",
                ModelSource.opaque(new byte[] {1}).fromRun("0123456789abcdef0123456789abcdef")));
        assertEquals(SIGNATURE, v1.signature());
        assertEquals(ArtifactKind.OPAQUE, v1.artifactKind());
        assertNull(v2.signature());
        InvalidInputException notABundle = assertThrows(InvalidInputException.class, () -> registry.register("churn",
                ModelSource.of(new byte[] {1, 2, 3})));
        assertEquals("artifact", notABundle.problems().get(0).field(), notABundle.getMessage());
        assertEquals(List.of(v1, v2), registry.versions("churn", false));
    }

    @Test
    void aliasesMoveAndResolveAndApprovalCanBeRequired() {
        ModelRegistry registry = tracker.registry();
        registry.register("fraud", ModelSource.opaque(new byte[] {1}));
        registry.register("fraud", ModelSource.opaque(new byte[] {2}));
        registry.setAlias("fraud", "challenger", 1);
        assertEquals(1, registry.version("fraud@challenger").version());
        registry.setAlias("fraud", "challenger", 2);
        assertEquals(2, registry.version("fraud@challenger").version());
        registry.requireApproval("fraud", "champion", true);
        ConflictException refused = assertThrows(ConflictException.class, () -> registry.setAlias("fraud", "champion", 1));
        assertTrue(refused.getMessage().contains("PENDING_REVIEW"), refused.getMessage());
        assertThrows(NotFoundException.class, () -> registry.version("fraud@champion"));
        ModelVersion approved = registry.review("fraud/1", ReviewState.APPROVED, "alice", "beats v0 on the holdout");
        assertEquals("alice", approved.review().reviewer());
        assertEquals("beats v0 on the holdout", approved.review().reason());
        registry.setAlias("fraud", "champion", 1);
        assertEquals(1, registry.version("fraud@champion").version());
        assertEquals(Map.of("challenger", 2, "champion", 1), registry.model("fraud").orElseThrow().aliases());
        registry.removeAlias("fraud", "challenger");
        assertThrows(NotFoundException.class, () -> registry.version("fraud@challenger"));
        assertThrows(NotFoundException.class, () -> registry.version("fraud"));
    }

    @Test
    void archivingHidesAndDeletingRefusesWhileAnAliasPoints() {
        ModelRegistry registry = tracker.registry();
        registry.register("ranker", ModelSource.opaque(new byte[] {1}));
        registry.register("ranker", ModelSource.opaque(new byte[] {2}));
        registry.register("ranker", ModelSource.opaque(new byte[] {3}));
        registry.setAlias("ranker", "champion", 2);
        assertThrows(ConflictException.class, () -> registry.delete("ranker/2"));
        assertThrows(ConflictException.class, () -> registry.review("ranker@champion", ReviewState.ARCHIVED, "bob", "old"));
        registry.review("ranker/1", ReviewState.ARCHIVED, "bob", "superseded");
        assertEquals(List.of(2, 3), registry.versions("ranker", false).stream().map(ModelVersion::version).toList());
        assertEquals(3, registry.versions("ranker", true).size());
        assertThrows(ConflictException.class, () -> registry.setAlias("ranker", "old", 1));
        registry.delete("ranker/3");
        assertThrows(NotFoundException.class, () -> registry.version("ranker/3"));
        assertEquals(4, registry.register("ranker", ModelSource.opaque(new byte[] {4})).version());
        assertEquals(2, registry.version("ranker@champion").version());
    }

    @Test
    void everyRegistryChangeIsAudited() {
        ModelRegistry registry = tracker.registry();
        registry.createModel("audited", "a model", Map.of("owner", "risk"));
        registry.register("audited", ModelSource.opaque(new byte[] {1}));
        registry.review("audited/1", ReviewState.APPROVED, "carol", "ok");
        registry.setAlias("audited", "champion", 1);
        registry.tagVersion("audited/1", "note", "x");
        registry.removeAlias("audited", "champion");
        registry.delete("audited/1");
        List<AuditEntry> audit = registry.audit("audited");
        assertEquals(List.of("create-model", "register", "review", "set-alias", "tag-version", "remove-alias", "delete"),
                audit.stream().map(AuditEntry::action).toList());
        assertEquals(List.of("tester", "tester", "carol", "tester", "tester", "tester", "tester"),
                audit.stream().map(AuditEntry::actor).toList(), "a review is attributed to its reviewer");
        AuditEntry review = audit.get(2);
        assertTrue(review.before().contains("PENDING_REVIEW") && review.after().contains("APPROVED"), review.after());
        assertNull(audit.get(6).after());
        assertNotNull(audit.get(6).before());
        for (int i = 1; i < audit.size(); i++) {
            assertFalse(audit.get(i).at().isBefore(audit.get(i - 1).at()));
        }
        assertEquals("a model", registry.model("audited").orElseThrow().description());
    }

    @Test
    void lineageRunsBothWays() {
        ModelRegistry registry = tracker.registry();
        DatasetVersion data = tracker.datasets().log("train", frame(1, 2, 3));
        ModelVersion version = registerFromRun(registry, "scorer", new byte[] {9}, data);
        Lineage lineage = registry.lineage("scorer/1");
        assertEquals(version, lineage.version());
        assertEquals("logistic", lineage.run().params().get("algorithm"));
        assertEquals(List.of(data), lineage.datasets());
        assertEquals(List.of(version), registry.versionsFromRun(version.runId()));
        assertEquals(List.of(version), registry.versionsFromDataset("train/1"));
        assertEquals(List.of(), registry.versionsFromDataset("train/2"));
    }

    @Test
    void timingsComeFromTheInjectedClock() {
        Run run = tracker.experiment("clock").start();
        run.close();
        RunInfo info = tracker.run(run.id());
        assertTrue(info.started().isAfter(Instant.ofEpochSecond(1_700_000_000L - 1)));
        assertTrue(info.started().isBefore(Instant.ofEpochSecond(1_700_001_000L)));
        assertTrue(info.duration().orElseThrow().compareTo(Duration.ofSeconds(1)) >= 0);
    }
}
