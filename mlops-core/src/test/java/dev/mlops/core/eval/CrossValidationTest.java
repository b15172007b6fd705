package dev.mlops.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mlops.api.Frame;
import dev.mlops.api.model.ProgressEvent;
import dev.mlops.core.pipeline.Training;
import dev.mlops.core.prep.Prep;
import dev.mlops.core.split.Fold;
import dev.mlops.core.split.KFold;
import dev.mlops.core.split.Split;
import dev.mlops.core.train.Algorithms;
import dev.mlops.core.train.Iris;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class CrossValidationTest {

    private static final Frame IRIS = Iris.frame();

    @Test
    void eachFoldFitsItsOwnPreparationAndTheSummaryIsMeanAndSampleDeviation() {
        KFold folds = Split.kFold(5).stratifiedBy("species").seed(7);
        List<ProgressEvent> events = new CopyOnWriteArrayList<>();
        CrossValidation.Result cv = CrossValidation.run(Algorithms.tribuo().logisticRegression().epochs(3), IRIS,
                "species", Prep.chain(Prep.standardize()), folds, events::add);

        List<Double> accuracies = new ArrayList<>();
        for (Fold fold : folds.apply(IRIS)) {
            // by hand: the standardization is fitted on the fold's training rows only
            double accuracy = Evaluation.classification(Training.with(Algorithms.tribuo().logisticRegression().epochs(3))
                    .fit(fold.train(), "species", Prep.chain(Prep.standardize())), fold.test()).accuracy();
            accuracies.add(accuracy);
        }
        assertEquals(accuracies, cv.metric("accuracy").values());
        double mean = accuracies.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double squares = accuracies.stream().mapToDouble(a -> (a - mean) * (a - mean)).sum();
        assertEquals(mean, cv.metric("accuracy").mean(), 1e-15);
        assertEquals(Math.sqrt(squares / 4), cv.metric("accuracy").std(), 1e-15);
        assertEquals(5, cv.perFold().size());
        assertEquals(6, events.size(), "start plus one event per fold");
        assertEquals(ProgressEvent.Stage.FOLD, events.get(5).stage());
    }

    @Test
    void metricStatsOfOneValueHaveNoDeviation() {
        assertEquals(Double.NaN, MetricStats.of("x", List.of(0.5)).std());
        assertEquals(2.0, MetricStats.of("x", List.of(1.0, 3.0)).mean());
        assertEquals(Math.sqrt(2), MetricStats.of("x", List.of(1.0, 3.0)).std(), 1e-15);
    }
}
