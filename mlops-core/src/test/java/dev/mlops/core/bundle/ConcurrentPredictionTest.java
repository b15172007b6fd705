package dev.mlops.core.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mlops.api.Features;
import dev.mlops.api.Frame;
import dev.mlops.api.Prediction;
import dev.mlops.core.pipeline.Training;
import dev.mlops.core.prep.Prep;
import dev.mlops.core.train.Algorithms;
import dev.mlops.core.train.Iris;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A loaded bundle is shared by many threads: each gets exactly the sequential answers. */
class ConcurrentPredictionTest {

    @ParameterizedTest
    @ValueSource(strings = {"tribuo-lr", "tribuo-xgboost", "smile-boosting"})
    void eightThreadsPredictWhatOneThreadDoes(String which) throws Exception {
        Frame iris = Iris.frame();
        ModelBundle trained = switch (which) {
            case "tribuo-lr" -> Training.with(Algorithms.tribuo().logisticRegression().epochs(3)).fit(iris, "species",
                    Prep.chain(Prep.standardize()));
            case "tribuo-xgboost" -> Training.with(Algorithms.tribuo().xgboost().trees(20)).fit(iris, "species",
                    Prep.chain());
            default -> Training.with(Algorithms.smile().gradientBoosting().trees(20)).fit(iris, "species", Prep.chain());
        };
        ModelBundle bundle = ModelBundle.fromBytes(trained.toBytes(), which);
        List<Features> rows = new ArrayList<>();
        for (int row = 0; row < iris.rowCount(); row++) {
            rows.add(iris.row(row).toBuilder().remove("species").build());
        }
        List<Prediction> sequential = rows.stream().map(bundle::predict).toList();

        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<Prediction>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    List<Prediction> mine = new ArrayList<>();
                    for (int repeat = 0; repeat < 5; repeat++) {
                        mine.clear();
                        for (Features row : rows) {
                            mine.add(bundle.predict(row));
                        }
                    }
                    return mine;
                }));
            }
            start.countDown();
            for (Future<List<Prediction>> result : results) {
                assertEquals(sequential, result.get());
            }
            assertEquals(sequential, bundle.predict(iris), "the batch path agrees too");
        } finally {
            pool.shutdownNow();
        }
    }
}
