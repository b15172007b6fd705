package dev.mlops.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.mlops.api.Frame;
import dev.mlops.api.pipeline.PipelineStage;
import dev.mlops.api.pipeline.StageCache;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.core.check.Checks;
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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stage cache: unchanged stages are read, changed ones and everything downstream computed. */
class PipelineCacheTest {

    private static final Set<PipelineStage> COSTLY = EnumSet.of(PipelineStage.PREPARE, PipelineStage.TRAIN,
            PipelineStage.EVALUATE);
    private static final Frame[] DATA = {PipelineTest.data(21), PipelineTest.data(22)};

    @TempDir
    Path dir;

    /** One variant of the pipeline: each number picks one of two values of one part. */
    private record Variant(int data, int seed, int prep, int epochs, int gate, int check) {
        Pipeline pipeline(StageCache cache) {
            return Pipeline.from("rows.csv", DATA[data]).target("y")
                    .validate(check == 0 ? Checks.complete("y") : Checks.range("noise", 0, 1))
                    .prepare(prep == 0 ? Prep.chain(Prep.impute(Impute.MEDIAN, "x"), Prep.oneHot(Unseen.IGNORE))
                            : Prep.chain(Prep.impute(Impute.MEAN, "x"), Prep.standardize(), Prep.oneHot(Unseen.IGNORE)))
                    .split(Split.holdout(0.75).seed(seed))
                    .train(Algorithms.tribuo().logisticRegression().epochs(epochs == 0 ? 3 : 6))
                    .gate(Gates.atLeast("accuracy", gate == 0 ? 0.1 : 0.2))
                    .cache(cache);
        }

        /** What PREPARE depends on, what TRAIN and EVALUATE depend on. */
        List<Integer> prepareInputs() {
            return List.of(data, seed, prep);
        }

        List<Integer> trainInputs() {
            return List.of(data, seed, prep, epochs);
        }
    }

    @Test
    void aSecondIdenticalRunIsServedFromTheCacheWithTheSameResult() {
        StageCache cache = StageCaches.directory(dir.resolve("cache"));
        Variant variant = new Variant(0, 1, 1, 1, 0, 0);
        PipelineResult first = variant.pipeline(cache).run();
        PipelineResult second = variant.pipeline(cache).run();
        assertEquals(Set.of(), first.cached());
        assertEquals(COSTLY, second.cached());
        assertEquals(first.metrics(), second.metrics());
        assertEquals(first.bundle().orElseThrow().predict(DATA[0]), second.bundle().orElseThrow().predict(DATA[0]));
        assertTrue(second.toString().contains("train") && second.toString().contains("(cached)"), second.toString());
    }

    @Test
    void aRunThatFailedInOneStageResumesThereWithTheStagesBeforeItReadFromTheCache() {
        StageCache cache = StageCaches.directory(dir.resolve("cache"));
        Pipeline pipeline = new Variant(1, 2, 0, 0, 0, 0).pipeline(cache);
        PipelineException failed = assertThrows(PipelineException.class, () -> pipeline.evaluate((model, rows) -> {
            throw new IllegalStateException("the metrics service is down");
        }).run());
        assertEquals(PipelineStage.EVALUATE, failed.stage());
        PipelineResult resumed = pipeline.run();
        assertEquals(EnumSet.of(PipelineStage.PREPARE, PipelineStage.TRAIN), resumed.cached());
        assertEquals(PipelineResult.Outcome.PASSED, resumed.outcome());
    }

    @Test
    void aChangeRecomputesExactlyTheStagesDownstreamOfIt() {
        qt().withExamples(12).withShrinkCycles(10)
                .forAll(lists().of(integers().between(0, 63)).ofSizeBetween(2, 6))
                .checkAssert(codes -> {
                    Path cacheDir = dir.resolve("cache-" + System.nanoTime());
                    StageCache cache = StageCaches.directory(cacheDir);
                    Set<List<Integer>> prepared = new HashSet<>();
                    Set<List<Integer>> trained = new HashSet<>();
                    Map<List<Integer>, Map<String, Double>> metrics = new HashMap<>();
                    for (int code : codes) {
                        Variant v = new Variant(code & 1, 1 + (code >> 1 & 1), code >> 2 & 1, code >> 3 & 1,
                                code >> 4 & 1, code >> 5 & 1);
                        PipelineResult result = v.pipeline(cache).run();
                        Set<PipelineStage> expected = EnumSet.noneOf(PipelineStage.class);
                        if (prepared.contains(v.prepareInputs())) {
                            expected.add(PipelineStage.PREPARE);
                        }
                        if (trained.contains(v.trainInputs())) {
                            expected.add(PipelineStage.TRAIN);
                            expected.add(PipelineStage.EVALUATE);
                        }
                        assertEquals(expected, result.cached(), v + " after " + codes);
                        Map<String, Double> before = metrics.putIfAbsent(v.trainInputs(), result.metrics());
                        if (before != null) {
                            assertEquals(before, result.metrics(), v + " after " + codes);
                        }
                        prepared.add(v.prepareInputs());
                        trained.add(v.trainInputs());
                    }
                });
    }

    @Test
    void aDamagedEntryIsAMissAndTheStageIsComputedAgain() throws IOException {
        Path cacheDir = dir.resolve("cache");
        StageCache cache = StageCaches.directory(cacheDir);
        Variant variant = new Variant(0, 1, 0, 0, 0, 0);
        PipelineResult first = variant.pipeline(cache).run();
        List<Path> entries;
        try (Stream<Path> files = Files.walk(cacheDir)) {
            entries = files.filter(Files::isRegularFile).toList();
        }
        assertEquals(3, entries.size());
        for (Path entry : entries) {
            byte[] bytes = Files.readAllBytes(entry);
            bytes[bytes.length / 2] ^= 1;
            Files.write(entry, bytes);
        }
        PipelineResult again = variant.pipeline(cache).run();
        assertEquals(Set.of(), again.cached());
        assertEquals(first.metrics(), again.metrics());
        assertEquals(COSTLY, variant.pipeline(cache).run().cached(), "written again, whole");
    }

    @Test
    void keysAndLinksAreRefused() throws IOException {
        StageCache cache = StageCaches.directory(dir.resolve("cache"));
        assertThrows(IllegalArgumentException.class, () -> cache.put("../../etc/passwd", new byte[] {1}));
        assertThrows(IllegalArgumentException.class, () -> cache.get("ABC"));
        Path link = dir.resolve("link");
        Files.createSymbolicLink(link, dir.resolve("cache"));
        assertThrows(IllegalArgumentException.class, () -> StageCaches.directory(link));
        Files.writeString(dir.resolve("file"), "x");
        assertThrows(IllegalArgumentException.class, () -> StageCaches.directory(dir.resolve("file")));
        String key = "ab".repeat(32);
        cache.put(key, new byte[] {1, 2, 3});
        assertEquals(List.of((byte) 1, (byte) 2, (byte) 3), boxed(cache.get(key).orElseThrow()));
    }

    private static List<Byte> boxed(byte[] bytes) {
        Byte[] boxed = new Byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            boxed[i] = bytes[i];
        }
        return List.of(boxed);
    }
}
