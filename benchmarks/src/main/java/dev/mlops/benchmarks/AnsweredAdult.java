package dev.mlops.benchmarks;

import dev.mlops.api.Features;
import dev.mlops.api.Frame;
import dev.mlops.api.Prediction;
import dev.mlops.core.bundle.ModelBundle;
import dev.mlops.core.pipeline.Training;
import dev.mlops.core.prep.Impute;
import dev.mlops.core.prep.Prep;
import dev.mlops.core.prep.Unseen;
import dev.mlops.core.split.Partition;
import dev.mlops.core.split.Split;
import dev.mlops.core.train.Algorithms;
import dev.mlops.samples.Datasets;
import java.util.List;

/**
 * A logistic regression on 80% of adult.data with its monitoring baseline (held-out on the other
 * 20%), and the first {@code rows} held-out requests with its answers: what the monitoring
 * benchmarks count into windows.
 */
record AnsweredAdult(ModelBundle bundle, Features[] rows, Prediction[] answers) {

    static AnsweredAdult of(int count) {
        java.util.logging.Logger.getLogger("org.tribuo").setLevel(java.util.logging.Level.WARNING);
        Frame adult = Datasets.adultTrain().frame();
        Partition parts = Split.holdout(0.8).stratifiedBy("Salary").seed(1).apply(adult);
        ModelBundle bundle = Training.with(Algorithms.tribuo().logisticRegression().epochs(2)).fit(parts.train(),
                "Salary", Prep.chain(Prep.impute(Impute.MOST_FREQUENT), Prep.standardize(), Prep.oneHot(Unseen.IGNORE)))
                .withHeldOut(parts.test());
        Frame features = parts.test().drop("Salary").head(count);
        List<Prediction> predicted = bundle.predict(features);
        Features[] rows = new Features[count];
        Prediction[] answers = new Prediction[count];
        for (int i = 0; i < count; i++) {
            rows[i] = features.row(i);
            answers[i] = predicted.get(i);
        }
        return new AnsweredAdult(bundle, rows, answers);
    }
}
