package dev.mlops.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Features;
import dev.mlops.api.Frame;
import dev.mlops.api.InvalidInputException;
import dev.mlops.api.NumericColumn;
import dev.mlops.api.Prediction;
import dev.mlops.api.PredictionId;
import dev.mlops.api.tracking.ModelSource;
import dev.mlops.api.tracking.NotFoundException;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.core.bundle.BundleException;
import dev.mlops.core.bundle.ModelBundle;
import dev.mlops.core.prep.Impute;
import dev.mlops.core.prep.Prep;
import dev.mlops.core.prep.Unseen;
import dev.mlops.tracking.LocalOptions;
import dev.mlops.tracking.Tracking;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictorTest {

    private static ModelBundle bundle;
    private static Frame serve;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() {
        bundle = Toy.bundle();
        serve = Toy.frame(200, 2).drop("y");
    }

    private static Predictor predictor() {
        return Serving.predictor(bundle, "toy");
    }

    private static Features valid() {
        return Features.of("x", 0.5, "z", 3, "city", "oslo", "plan", "pro", "flag", true);
    }

    private static Set<String> fields(InvalidInputException e) {
        return e.problems().stream().map(InvalidInputException.Problem::field).collect(Collectors.toSet());
    }

    @Test
    void aValidRowIsPredictedAsTheBundlePredictsItAndSaysWhereItCameFrom() {
        Predictor predictor = predictor();
        Set<PredictionId> ids = new HashSet<>();
        for (int row = 0; row < serve.rowCount(); row++) {
            Prediction served = predictor.predict(serve.row(row));
            Prediction.Classification plain = (Prediction.Classification) bundle.predict(serve.row(row));
            Prediction.Classification got = (Prediction.Classification) served;
            assertEquals(plain.label(), got.label());
            assertEquals(plain.probabilities(), got.probabilities());
            assertEquals(plain.probability(plain.label()), served.confidence());
            Prediction.Origin origin = served.origin().orElseThrow();
            assertEquals("toy", origin.model());
            assertEquals(0, origin.version());
            assertTrue(ids.add(origin.id()), "ids are unique");
            assertEquals(origin.id(), PredictionId.parse(origin.id().toString()));
        }
    }

    @Test
    void anInvalidRowListsEveryProblemByFieldAndNothingIsPredicted() {
        Features bad = Features.builder().set("x", Double.NaN).set("z", null).set("city", "paris")
                .set("plan", 3).set("colour", "red").build(); // flag missing too
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> predictor().predict(bad));
        assertEquals(Set.of("x", "z", "city", "plan", "flag", "colour"), fields(e), e.getMessage());
        String message = e.getMessage();
        assertTrue(message.contains("'x': is NaN; the model needs a finite number"), message);
        assertTrue(message.contains("'z': has no value"), message);
        assertTrue(message.contains("'city': is 'paris', a category never seen in training; known: [baku, kyiv,"
                + " lima, oslo, rome]"), message);
        assertTrue(message.contains("'plan': is Double '3.0'; the model needs CATEGORICAL"), message);
        assertTrue(message.contains("'flag': is missing"), message);
        assertTrue(message.contains("'colour': is not an input of the model"), message);
        InvalidInputException infinite = assertThrows(InvalidInputException.class, () -> predictor().predict(
                valid().toBuilder().set("z", Double.POSITIVE_INFINITY).build()));
        assertEquals(Set.of("z"), fields(infinite));
    }

    @Test
    void aCategoryGroupedWithTheRareOnesIsAcceptedEvenBeforeAnEncoderOrATreeThatRefusesUnseenOnes() {
        // "lima" is rare in this training sample (its rows among the first 30 only), so the bucket is known to both models
        Frame train = Toy.frame(300, 4);
        int[] keep = java.util.stream.IntStream.range(0, train.rowCount())
                .filter(r -> !"lima".equals(train.categorical("city").value(r)) || r < 30).toArray();
        Frame sample = train.take(keep);
        long limas = java.util.Arrays.stream(keep).filter(r -> "lima".equals(train.categorical("city").value(r))).count();
        assertTrue(limas > 0 && limas < 20, "lima rows: " + limas);
        for (var trainer : List.<dev.mlops.core.train.AlgorithmTrainer<?>>of(
                dev.mlops.core.train.Algorithms.tribuo().logisticRegression().seed(5),
                dev.mlops.core.train.Algorithms.smile().randomForest().trees(5))) {
            boolean smile = trainer.algorithm().startsWith("smile");
            ModelBundle grouped = dev.mlops.core.pipeline.Training.with(trainer).fit(sample, "y", smile
                    ? Prep.chain(Prep.impute(Impute.MEDIAN, "x"), Prep.groupRare(20, "city"))
                    : Prep.chain(Prep.impute(Impute.MEDIAN, "x"), Prep.groupRare(20, "city"),
                            Prep.oneHot(Unseen.ERROR, "city", "plan")));
            Features paris = valid().toBuilder().set("city", "paris").build();
            Predictor predictor = Serving.predictor(grouped, "grouped");
            assertEquals(((Prediction.Classification) grouped.predict(paris)).probabilities(),
                    ((Prediction.Classification) predictor.predict(paris)).probabilities(), trainer.algorithm());
            Features lima = valid().toBuilder().set("city", "lima").build();
            assertEquals(((Prediction.Classification) predictor.predict(paris)).probabilities(),
                    ((Prediction.Classification) predictor.predict(lima)).probabilities(),
                    "an unseen city and a rare one fall in the same bucket");
        }
    }

    @Test
    void anUnseenCategoryThatThePreparationIgnoresIsAcceptedAndANullableFieldAcceptsNull() {
        Features gold = valid().toBuilder().set("plan", "gold").build();
        assertEquals(((Prediction.Classification) bundle.predict(gold)).probabilities(),
                ((Prediction.Classification) predictor().predict(gold)).probabilities());
        Features noX = valid().toBuilder().set("x", null).build();
        assertEquals(((Prediction.Classification) bundle.predict(noX)).probabilities(),
                ((Prediction.Classification) predictor().predict(noX)).probabilities());
    }

    @Test
    void lenientRequestsIgnoreUnknownFieldsButNothingElse() {
        Predictor lenient = predictor().withPolicy(RequestPolicy.LENIENT);
        Features extra = valid().toBuilder().set("colour", "red").set("id", 7).build();
        assertEquals(((Prediction.Classification) predictor().predict(valid())).probabilities(),
                ((Prediction.Classification) lenient.predict(extra)).probabilities());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> lenient.predict(extra.toBuilder().set("z", Double.NaN).build()));
        assertEquals(Set.of("z"), fields(e));
    }

    @Test
    void aFrameFollowsTheSameRulesAsARow() {
        Predictor predictor = predictor();
        List<Prediction> byFrame = predictor.predict(serve);
        for (int row = 0; row < serve.rowCount(); row++) {
            assertEquals(((Prediction.Classification) predictor.predict(serve.row(row))).probabilities(),
                    ((Prediction.Classification) byFrame.get(row)).probabilities(), "row " + row);
        }
        Frame withTarget = Toy.frame(20, 3);
        InvalidInputException extra = assertThrows(InvalidInputException.class, () -> predictor.predict(withTarget));
        assertEquals(Set.of("y"), fields(extra), "an extra column is refused as an extra field is");
        assertEquals(20, predictor.withPolicy(RequestPolicy.LENIENT).predict(withTarget).size());

        NumericColumn.Builder z = NumericColumn.builder("z");
        for (int row = 0; row < serve.rowCount(); row++) {
            z.add(row % 50 == 7 ? Double.NaN : serve.numeric("z").value(row));
        }
        Frame withNaN = serve.withColumn(z.build());
        InvalidInputException nan = assertThrows(InvalidInputException.class, () -> predictor.predict(withNaN));
        assertEquals(Set.of("z"), fields(nan));
        assertTrue(nan.getMessage().contains("4 rows (first [7, 57, 107, 157]) refused; row 7 is NaN"),
                nan.getMessage());
    }

    @Test
    void aListIsCheckedWholeBeforeAnyRowIsPredicted() {
        List<Features> rows = new ArrayList<>();
        for (int row = 0; row < 10; row++) {
            rows.add(serve.row(row));
        }
        assertEquals(10, predictor().predictAll(rows).size());
        rows.set(3, valid().toBuilder().remove("z").build());
        rows.set(8, valid().toBuilder().set("city", "paris").build());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> predictor().predictAll(rows));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).reason().startsWith("row 3: is missing"), e.getMessage());
        assertTrue(e.problems().get(1).reason().startsWith("row 8: is 'paris'"), e.getMessage());
    }

    @Test
    void aPredictorComesFromARegistryReferenceOrAFileAndSaysWhichVersion() throws Exception {
        try (Tracker tracker = Tracking.local(dir.resolve("store"), LocalOptions.defaults().workingDirectory(null))) {
            tracker.registry().register("toy", ModelSource.of(bundle.toBytes()));
            tracker.registry().register("toy", ModelSource.of(bundle.toBytes()));
            tracker.registry().setAlias("toy", "champion", 2);
            Predictor champion = Serving.predictor(tracker.registry(), "toy@champion");
            assertEquals("toy", champion.model());
            assertEquals(2, champion.version());
            assertEquals(2, champion.predict(valid()).origin().orElseThrow().version());
            assertEquals(1, Serving.predictor(tracker.registry(), "toy/1").version());
            assertThrows(NotFoundException.class, () -> Serving.predictor(tracker.registry(), "toy/3"));
            tracker.registry().register("rules", ModelSource.opaque(new byte[] {1, 2}));
            assertThrows(BundleException.class, () -> Serving.predictor(tracker.registry(), "rules/1"));
        }
        Path file = dir.resolve("toy.bundle");
        bundle.save(file);
        Predictor fromFile = Serving.predictor(file);
        assertEquals("toy.bundle", fromFile.model());
        assertEquals(0, fromFile.version());
        Files.write(file, new byte[] {1, 2, 3});
        assertThrows(BundleException.class, () -> Serving.predictor(file));
    }

    @Test
    void manyThreadsGetWhatOneThreadGets() throws Exception {
        Predictor predictor = predictor();
        List<Map<String, Double>> expected = new ArrayList<>();
        for (int row = 0; row < serve.rowCount(); row++) {
            expected.add(((Prediction.Classification) predictor.predict(serve.row(row))).probabilities());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int offset = t;
                done.add(pool.submit(() -> {
                    int checked = 0;
                    for (int i = 0; i < 2_000; i++) {
                        int row = (i * 7 + offset) % serve.rowCount();
                        Map<String, Double> got = ((Prediction.Classification) predictor.predict(serve.row(row)))
                                .probabilities();
                        if (!got.equals(expected.get(row))) {
                            throw new AssertionError("row " + row + ": " + got + " instead of " + expected.get(row));
                        }
                        checked++;
                    }
                    return checked;
                }));
            }
            for (Future<Integer> f : done) {
                assertEquals(2_000, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertNotEquals(predictor.predict(valid()).origin(), predictor.predict(valid()).origin());
    }
}
