package dev.mlops.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.Frame;
import dev.mlops.api.pipeline.DataSource;
import dev.mlops.api.pipeline.Gate;
import dev.mlops.api.pipeline.GateResult;
import dev.mlops.api.pipeline.PipelineStage;
import dev.mlops.api.pipeline.StageCache;
import dev.mlops.api.pipeline.TrainTest;
import dev.mlops.api.tracking.DatasetRole;
import dev.mlops.api.tracking.ModelSource;
import dev.mlops.api.tracking.ModelVersion;
import dev.mlops.api.tracking.NotFoundException;
import dev.mlops.api.tracking.Run;
import dev.mlops.api.tracking.RunInfo;
import dev.mlops.api.tracking.RunStatus;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.core.pipeline.Gates;
import dev.mlops.core.pipeline.Pipeline;
import dev.mlops.core.pipeline.PipelineException;
import dev.mlops.core.pipeline.PipelineResult;
import dev.mlops.core.pipeline.StageCaches;
import dev.mlops.core.prep.Impute;
import dev.mlops.core.prep.Prep;
import dev.mlops.core.prep.Unseen;
import dev.mlops.core.split.Split;
import dev.mlops.core.train.Algorithms;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Adversarial probes of the pipeline: tampered records, a hostile cache directory, hostile parts and names. */
class PipelineAttackTest {

    private static final Frame DATA = PipelineTest.data(31);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;
    private Tracker tracker;

    @BeforeEach
    void open() {
        tracker = Tracking.local(root.resolve("store"), LocalOptions.defaults().workingDirectory(null));
    }

    @AfterEach
    void close() {
        tracker.close();
    }

    private static Pipeline base() {
        return Pipeline.from("rows.csv", DATA).target("y")
                .prepare(Prep.chain(Prep.impute(Impute.MEDIAN, "x"), Prep.oneHot(Unseen.IGNORE)))
                .split(Split.holdout(0.75).seed(3))
                .train(Algorithms.tribuo().logisticRegression().epochs(3));
    }

    /** A StageCache that remembers, per stage in call order, the keys asked for. */
    private static final class Recording implements StageCache {
        final StageCache inner;
        final List<String> keys = Collections.synchronizedList(new ArrayList<>());

        Recording(StageCache inner) {
            this.inner = inner;
        }

        @Override
        public Optional<byte[]> get(String key) {
            keys.add(key);
            return inner.get(key);
        }

        @Override
        public void put(String key, byte[] value) {
            inner.put(key, value);
        }
    }

    private static Path entry(Path cacheDir, String key) {
        return cacheDir.resolve(key.substring(0, 2)).resolve(key);
    }

    private static byte[] sha256(byte[] bytes) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }

    private static void plant(Path cacheDir, String key, byte[] payload) throws Exception {
        Path file = entry(cacheDir, key);
        Files.createDirectories(file.getParent());
        Files.write(file, ByteBuffer.allocate(32 + payload.length).put(sha256(payload)).put(payload).array());
    }

    // ---- 1. tampered pipeline.json ---------------------------------------------------------------------

    private String runWithRecord(byte[] record) {
        Run run = tracker.experiment("tamper").start("t");
        run.logInput(tracker.datasets().log("rows.csv", DATA), DatasetRole.SOURCE);
        run.logArtifact("pipeline.json", record);
        run.end(RunStatus.FINISHED);
        run.close();
        return run.id();
    }

    @Test
    void fromRunOnATamperedRecordThrowsOnlyIllegalArgumentOrNotFound() throws Exception {
        String good = base().gate(Gates.atLeast("accuracy", 0.1)).toJson();
        Map<String, UnaryOperator<ObjectNode>> edits = new LinkedHashMap<>();
        edits.put("format 2", n -> n.put("format", 2));
        edits.put("source null", n -> n.putNull("source"));
        edits.put("source number", n -> n.put("source", 5));
        edits.put("target null", n -> n.putNull("target"));
        edits.put("target missing", n -> { n.remove("target"); return n; });
        edits.put("target number", n -> n.put("target", 7));
        edits.put("name number", n -> n.put("name", 7));
        edits.put("checks null", n -> n.putNull("checks"));
        edits.put("checks [5]", n -> { n.putArray("checks").add(5); return n; });
        edits.put("check without severity", n -> {
            ObjectNode c = n.putArray("checks").addObject();
            c.putObject("recipe").put("kind", "check.complete").putArray("arguments").add("y");
            return n;
        });
        edits.put("check severity bogus", n -> {
            ObjectNode c = n.putArray("checks").addObject();
            c.putObject("recipe").put("kind", "check.complete").putArray("arguments").add("y");
            c.put("severity", "bogus");
            return n;
        });
        edits.put("prepare is a map", n -> { n.putObject("prepare"); return n; });
        edits.put("prepare missing", n -> { n.remove("prepare"); return n; });
        edits.put("prepare [null]", n -> { n.putArray("prepare").addNull(); return n; });
        edits.put("split null, no test", n -> n.putNull("split"));
        edits.put("split a string", n -> n.put("split", "holdout"));
        edits.put("train a list", n -> { n.putArray("train"); return n; });
        edits.put("train and tune null", n -> n.putNull("train"));
        edits.put("recipe a string", n -> { ((ObjectNode) n.get("train")).put("recipe", "trainer"); return n; });
        edits.put("train recipe builds a gate", n -> {
            ObjectNode r = ((ObjectNode) n.get("train")).putObject("recipe");
            r.put("kind", "gate.atLeast").putArray("arguments").add("accuracy").add(0.5);
            return n;
        });
        edits.put("trainer hyperparameter of wrong type", n -> {
            ObjectNode r = ((ObjectNode) n.get("train")).putObject("recipe");
            ArrayNode a = r.put("kind", "trainer").putArray("arguments");
            a.add("tribuo.logisticRegression");
            a.addObject().put("epochs", "many");
            a.add(1);
            return n;
        });
        edits.put("trainer unknown algorithm", n -> {
            ObjectNode r = ((ObjectNode) n.get("train")).putObject("recipe");
            ArrayNode a = r.put("kind", "trainer").putArray("arguments");
            a.add("no.such").addObject();
            a.add(1);
            return n;
        });
        edits.put("gates null", n -> n.putNull("gates"));
        edits.put("gate beatsChampion null flag", n -> {
            ObjectNode r = n.putArray("gates").addObject().putObject("recipe");
            r.put("kind", "gate.beatsChampion").putArray("arguments").add("accuracy").add(0.1).addNull();
            return n;
        });
        edits.put("gate atLeast NaN", n -> {
            ObjectNode r = n.putArray("gates").addObject().putObject("recipe");
            r.put("kind", "gate.atLeast").putArray("arguments").add("accuracy").add("NaN");
            return n;
        });
        edits.put("unknown kind", n -> {
            ObjectNode r = n.putArray("gates").addObject().putObject("recipe");
            r.put("kind", "gate.evil").putArray("arguments");
            return n;
        });
        edits.put("register model number", n -> { n.putObject("register").put("model", 5); return n; });
        edits.put("register model null", n -> { n.putObject("register").putNull("model"); return n; });
        edits.put("experiment number", n -> n.put("experiment", 5));
        edits.put("tuning of a tuning", n -> {
            n.putNull("train");
            ObjectNode t = n.putObject("tune").putObject("recipe");
            ArrayNode a = t.put("kind", "tuning").putArray("arguments");
            ObjectNode inner = a.addObject();
            inner.put("kind", "tuning").putArray("arguments");
            a.addArray().addObject();
            a.addNull().addNull().add("accuracy").add(true).add(1);
            return n;
        });

        Map<String, String> raw = new LinkedHashMap<>();
        raw.put("not JSON", "{ nope");
        raw.put("JSON null", "null");
        raw.put("JSON array", "[1,2]");
        raw.put("JSON string", "\"x\"");
        raw.put("empty object", "{}");
        raw.put("format only", "{\"format\":1}");
        raw.put("deep nesting", "{\"format\":1,\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}");

        List<String> wrong = new ArrayList<>();
        for (var e : edits.entrySet()) {
            ObjectNode node = (ObjectNode) JSON.readTree(good);
            raw.put(e.getKey(), JSON.writeValueAsString(e.getValue().apply(node)));
        }
        for (var e : raw.entrySet()) {
            String id = runWithRecord(e.getValue().getBytes(StandardCharsets.UTF_8));
            try {
                Pipeline.fromRun(tracker, id);
                wrong.add(e.getKey() + " -> accepted");
            } catch (IllegalArgumentException | NotFoundException ok) {
                // the contract
            } catch (Throwable t) {
                wrong.add(e.getKey() + " -> " + t.getClass().getName() + ": " + t.getMessage());
            }
        }
        if (!wrong.isEmpty()) {
            fail("tampered records not refused with IllegalArgumentException/NotFoundException:\n  "
                    + String.join("\n  ", wrong));
        }
    }

    // ---- 2. the cache directory ------------------------------------------------------------------------

    @Test
    void aShardDirectoryThatIsALinkDoesNotLeadReadsOrWritesOutsideTheCache() throws Exception {
        Path cacheDir = root.resolve("cache");
        Path outside = Files.createDirectories(root.resolve("outside"));
        Files.createDirectories(cacheDir);
        for (int i = 0; i < 256; i++) {
            Files.createSymbolicLink(cacheDir.resolve(String.format("%02x", i)), outside);
        }
        base().cache(StageCaches.directory(cacheDir)).run();
        try (Stream<Path> files = Files.list(outside)) {
            List<Path> escaped = files.toList();
            assertEquals(List.of(), escaped, "the cache wrote through a linked shard directory, outside " + cacheDir);
        }
    }

    @Test
    void anEntryThatIsALinkToAFileOutsideIsAMiss() throws Exception {
        Path cacheDir = root.resolve("cache");
        Recording rec = new Recording(StageCaches.directory(cacheDir));
        base().cache(rec).run();
        String prepareKey = rec.keys.get(0);
        Path outsideCopy = root.resolve("outside-entry");
        Files.copy(entry(cacheDir, prepareKey), outsideCopy);
        Files.delete(entry(cacheDir, prepareKey));
        Files.createSymbolicLink(entry(cacheDir, prepareKey), outsideCopy);
        assertTrue(StageCaches.directory(cacheDir).get(prepareKey).isEmpty(), "a linked entry was followed");
    }

    @Test
    void anEntryMovedUnderAnotherKeyIsNotServedForThatKey() throws Exception {
        Path cacheDir = root.resolve("cache");
        Recording a = new Recording(StageCaches.directory(cacheDir));
        PipelineResult first = base().cache(a).run();
        Recording b = new Recording(StageCaches.directory(cacheDir));
        Pipeline other = base().train(Algorithms.tribuo().logisticRegression().epochs(9));
        PipelineResult second = other.cache(b).run();
        // keys in order: PREPARE, TRAIN, EVALUATE
        String trainA = a.keys.get(1);
        String trainB = b.keys.get(1);
        String evaluateB = b.keys.get(2);
        Files.copy(entry(cacheDir, trainA), entry(cacheDir, trainB), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.delete(entry(cacheDir, evaluateB));
        PipelineResult third = other.cache(StageCaches.directory(cacheDir)).run();
        // an entry's digest covers its key: the copy under epochs(9)'s key is a miss, and epochs(9) is trained again
        assertTrue(!third.cached().contains(PipelineStage.TRAIN), "a misplaced entry was read: " + third.cached());
        assertEquals(second.bundle().orElseThrow().predict(DATA), third.bundle().orElseThrow().predict(DATA));
        assertTrue(!first.bundle().orElseThrow().predict(DATA).equals(third.bundle().orElseThrow().predict(DATA)));
    }

    @Test
    void aChecksummedTrainEntryWithAHugeLengthPrefixIsAMissNotAnError() throws Exception {
        Path cacheDir = root.resolve("cache");
        Recording rec = new Recording(StageCaches.directory(cacheDir));
        base().cache(rec).run();
        String trainKey = rec.keys.get(1);
        String evaluateKey = rec.keys.get(2);
        Files.delete(entry(cacheDir, evaluateKey));
        plant(cacheDir, trainKey, ByteBuffer.allocate(8).putInt(Integer.MAX_VALUE).putInt(0).array());
        try {
            PipelineResult again = base().cache(StageCaches.directory(cacheDir)).run();
            assertFalse(again.cached().contains(PipelineStage.TRAIN));
        } catch (Throwable t) {
            fail("a damaged (but checksummed) TRAIN entry was not a miss: " + t, t);
        }
    }

    @Test
    void damagedEntriesAreMisses() throws Exception {
        Path cacheDir = root.resolve("cache");
        Recording rec = new Recording(StageCaches.directory(cacheDir));
        PipelineResult first = base().cache(rec).run();
        String prepareKey = rec.keys.get(0);
        String trainKey = rec.keys.get(1);
        String evaluateKey = rec.keys.get(2);
        Files.write(entry(cacheDir, prepareKey), new byte[0]); // zero bytes
        byte[] train = Files.readAllBytes(entry(cacheDir, trainKey));
        Files.write(entry(cacheDir, trainKey), java.util.Arrays.copyOf(train, train.length / 2)); // truncated
        Files.delete(entry(cacheDir, evaluateKey));
        Files.createDirectories(entry(cacheDir, evaluateKey).resolve("sub")); // a directory in its place
        PipelineResult again = base().cache(StageCaches.directory(cacheDir)).run();
        assertEquals(java.util.Set.of(), again.cached());
        assertEquals(first.metrics(), again.metrics());
        // a metrics JSON (checksummed) under PREPARE's key
        plant(cacheDir, prepareKey, "{\"metrics\":{\"accuracy\":1.0}}".getBytes(StandardCharsets.UTF_8));
        PipelineResult third = base().cache(StageCaches.directory(cacheDir)).run();
        assertEquals(first.metrics(), third.metrics());
    }

    @Test
    void identicalPipelinesRunConcurrentlyOnOneCache() throws Exception {
        Path cacheDir = root.resolve("cache");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<PipelineResult>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> base().cache(StageCaches.directory(cacheDir)).run()));
            }
            Map<String, Double> metrics = null;
            for (Future<PipelineResult> f : results) {
                PipelineResult r = f.get();
                if (metrics == null) {
                    metrics = r.metrics();
                }
                assertEquals(metrics, r.metrics());
            }
        } finally {
            pool.shutdownNow();
        }
        try (Stream<Path> files = Files.walk(cacheDir)) {
            assertEquals(List.of(), files.filter(p -> p.toString().endsWith(".partial")).toList());
        }
    }

    // ---- 3. hostile parts ------------------------------------------------------------------------------

    private static Throwable thrown(Runnable r) {
        try {
            r.run();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    private static void assertStageFailure(PipelineStage stage, Throwable t) {
        if (!(t instanceof PipelineException p)) {
            fail("expected a PipelineException at " + stage + ", got " + t, t);
            return;
        }
        assertEquals(stage, p.stage(), p.getMessage());
    }

    @Test
    void anEvaluatorReturningNullFailsTheEvaluateStage() {
        Throwable t = thrown(() -> base().evaluate((model, rows) -> null).run());
        assertStageFailure(PipelineStage.EVALUATE, t);
    }

    @Test
    void anEvaluatorReturningNullValuesFailsTheGatesOnThem() {
        Map<String, Double> metrics = new HashMap<>();
        metrics.put("accuracy", null);
        metrics.put("f1", Double.NaN);
        PipelineResult r = base().evaluate((model, rows) -> metrics)
                .gate(Gates.atLeast("accuracy", 0.0), Gates.atMost("f1", 1.0)).run();
        assertEquals(PipelineResult.Outcome.GATE_FAILED, r.outcome());
    }

    @Test
    void aGateReturningNullFailsTheGateStage() {
        Gate broken = new Gate() {
            @Override
            public String description() {
                return "broken";
            }

            @Override
            public GateResult check(Map<String, Double> candidate, Map<String, Double> champion) {
                return null;
            }
        };
        Throwable t = thrown(() -> base().gate(broken).run());
        assertStageFailure(PipelineStage.GATE, t);
    }

    @Test
    void aDataSourceReadingNullFailsTheSourceStageNamingIt() {
        DataSource nulls = new DataSource() {
            @Override
            public String name() {
                return "nulls.csv";
            }

            @Override
            public Frame read() {
                return null;
            }
        };
        Throwable t = thrown(() -> Pipeline.from(nulls).target("y")
                .train(Algorithms.tribuo().logisticRegression().epochs(2)).run());
        assertStageFailure(PipelineStage.SOURCE, t);
        assertTrue(t.getMessage().contains("nulls.csv"), t.getMessage());
    }

    @Test
    void aDataSourceThrowingAnErrorLeavesTheRunFailedNotRunning() {
        DataSource broken = DataSource.of("broken.csv", () -> {
            throw new AssertionError("boom");
        });
        Throwable t = thrown(() -> Pipeline.from(broken).target("y")
                .train(Algorithms.tribuo().logisticRegression().epochs(2)).track(tracker, "errors").run());
        assertTrue(t instanceof AssertionError, String.valueOf(t));
        List<RunInfo> runs = tracker.experiment("errors").runs();
        assertEquals(1, runs.size());
        assertEquals(RunStatus.FAILED, runs.get(0).status());
    }

    @Test
    void aTargetMissingFromTheDataFailsSayingSo() {
        Throwable t = thrown(() -> base().target("nope").run());
        assertTrue(t instanceof PipelineException, String.valueOf(t));
        assertTrue(t.getMessage().contains("nope"), t.getMessage());
    }

    @Test
    void aSplitterWithNoTestRowsDoesNotRegisterAModelScoredOnNothing() {
        Throwable t = thrown(() -> base().split(data -> new TrainTest(data, data.head(0)))
                .register(tracker.registry(), "empty-test").run());
        if (t == null) {
            assertFalse(tracker.registry().modelNames().contains("empty-test"),
                    "a model scored on zero test rows was registered");
        } else {
            assertTrue(t instanceof PipelineException, String.valueOf(t));
        }
    }

    @Test
    void aSplitterDroppingTheTargetFailsAsAStage() {
        Throwable t = thrown(() -> base().split(data -> new TrainTest(data.drop("y"), data.drop("y"))).run());
        assertTrue(t instanceof PipelineException, String.valueOf(t));
    }

    // ---- 4. registration ------------------------------------------------------------------------------

    @Test
    void aHostileModelNameFailsAsAStageAndRegistersNothing() {
        List<String> wrong = new ArrayList<>();
        for (String name : List.of("a b", "../x", "", "x".repeat(5000), "m/1")) {
            String shown = name.length() > 20 ? name.substring(0, 20) + "..." : name;
            List<String> stages = Collections.synchronizedList(new ArrayList<>());
            Throwable t = thrown(() -> base().track(tracker, "names").register(tracker.registry(), name, "champion")
                    .listener(e -> stages.add(e.label())).run());
            if (!(t instanceof PipelineException || t instanceof IllegalArgumentException)) {
                wrong.add("model '" + shown + "': " + t + " (stages seen: " + stages + ")");
            } else {
                wrong.add("ok? model '" + shown + "': " + t.getClass().getSimpleName() + " after stages " + stages + ": " + t.getMessage());
            }
        }
        wrong.add("registered models: " + tracker.registry().modelNames());
        wrong.add("run statuses: " + tracker.experiment("names").runs().stream().map(r -> r.status().toString()).toList());
        if (wrong.stream().anyMatch(w -> !w.startsWith("ok?") && !w.startsWith("run") && !w.equals("registered models: []"))) {
            fail(String.join("\n  ", wrong));
        }
    }

    @Test
    void anInvalidAliasRegistersNothing() {
        Throwable t = thrown(() -> base().register(tracker.registry(), "good", "bad alias").run());
        assertTrue(t instanceof PipelineException || t instanceof IllegalArgumentException, String.valueOf(t));
        assertEquals(List.of(), tracker.registry().modelNames(),
                "a version was registered although its alias was refused");
    }

    @Test
    void anAliasRequiringApprovalLeavesTheVersionAwaitingReviewAndTheAliasWhereItWas() {
        tracker.registry().createModel("gated", "", Map.of());
        tracker.registry().requireApproval("gated", "champion", true);
        PipelineResult result = base().track(tracker, "approval").register(tracker.registry(), "gated", "champion")
                .run();
        assertEquals(PipelineResult.Outcome.REGISTERED, result.outcome());
        assertTrue(result.reason().contains("@champion not moved"), result.reason());
        List<String> versions = tracker.registry().versions("gated", true).stream().map(ModelVersion::reference).toList();
        assertEquals(List.of("gated/1"), versions);
        assertEquals(dev.mlops.api.tracking.ReviewState.PENDING_REVIEW, tracker.registry().version("gated/1").state());
        assertTrue(thrown(() -> tracker.registry().version("gated@champion")) instanceof NotFoundException,
                "the alias waits for approval");
        assertTrue(tracker.run(result.runId().orElseThrow()).tags().containsKey("pipeline.aliasPending"));
    }

    @Test
    void aChampionThatIsNotABundleIsNeverSilentlyBeaten() {
        tracker.registry().register("opaque", ModelSource.opaque(new byte[] {1, 2, 3}));
        tracker.registry().setAlias("opaque", "champion", 1);
        PipelineResult r = base().register(tracker.registry(), "opaque", "champion").run();
        assertEquals(PipelineResult.Outcome.GATE_FAILED, r.outcome(), r.reason());
        assertEquals(1, tracker.registry().version("opaque@champion").version());
    }

    @Test
    void aDeployerReturningNullFailsTheDeployStageAndMovesTheAliasBack() {
        Throwable t = thrown(() -> base().track(tracker, "deploy").register(tracker.registry(), "dep", "champion")
                .deploy(version -> null).run());
        String alias;
        try {
            alias = tracker.registry().version("dep@champion").reference();
        } catch (RuntimeException e) {
            alias = e.toString();
        }
        String state = "registered " + tracker.registry().modelNames() + ", dep@champion -> " + alias + ", run "
                + tracker.experiment("deploy").runs().get(0).status();
        if (!(t instanceof PipelineException)) {
            fail("expected a PipelineException at DEPLOY, got " + t + "; " + state, t);
        }
        assertTrue(tracker.registry().model("dep").isEmpty()
                || thrown(() -> tracker.registry().version("dep@champion")) instanceof NotFoundException,
                "the alias still names the version of a failed deployment");
    }

    @Test
    void metricNamesOutsideTheBasicPlaneDoNotBreakTheRecord() {
        String metric = "\uD83D\uDE00".repeat(300);
        Throwable t = thrown(() -> base().gate(Gates.atLeast(metric, 0.5)).track(tracker, "emoji").run());
        assertEquals(null, t, "a gate on a metric named with emoji broke the tracked run: " + t);
    }

    @Test
    void aChampionThatFailedToScoreOnceIsNotRememberedAsUnscorableByTheCache() {
        dev.mlops.api.tracking.ModelRegistry real = tracker.registry();
        assertEquals(PipelineResult.Outcome.REGISTERED, base().register(real, "ch", "champion").run().outcome());
        java.util.concurrent.atomic.AtomicBoolean failOnce = new java.util.concurrent.atomic.AtomicBoolean(true);
        dev.mlops.api.tracking.ModelRegistry flaky = (dev.mlops.api.tracking.ModelRegistry) java.lang.reflect.Proxy
                .newProxyInstance(getClass().getClassLoader(), new Class<?>[] {dev.mlops.api.tracking.ModelRegistry.class},
                        (proxy, method, args) -> {
                            if (method.getName().equals("artifact") && failOnce.getAndSet(false)) {
                                throw new IllegalStateException("transient: the store is busy");
                            }
                            try {
                                return method.invoke(real, args);
                            } catch (java.lang.reflect.InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
        Pipeline challenger = base().train(Algorithms.tribuo().logisticRegression().epochs(5))
                .register(flaky, "ch", "champion").cache(StageCaches.directory(root.resolve("cache")));
        PipelineResult first = challenger.run();
        assertEquals(PipelineResult.Outcome.GATE_FAILED, first.outcome(), first.reason());
        PipelineResult second = challenger.run(); // the registry answers now
        assertEquals(PipelineResult.Outcome.REGISTERED, second.outcome(), "cached " + second.cached() + ": "
                + second.reason());
    }
}
