package dev.mlops.serving;

import dev.mlops.api.BooleanColumn;
import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Field;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.NumericColumn;
import dev.mlops.core.bundle.ModelBundle;
import dev.mlops.core.pipeline.Training;
import dev.mlops.core.prep.Impute;
import dev.mlops.core.prep.Prep;
import dev.mlops.core.prep.Unseen;
import dev.mlops.core.train.Algorithms;
import java.util.List;
import java.util.Random;

/**
 * A small classification problem with every kind of input a request can get wrong: a nullable
 * number ({@code x}), a required number ({@code z}), a category whose unseen values the preparation
 * refuses ({@code city}), one whose unseen values it ignores ({@code plan}), and a boolean.
 */
final class Toy {

    static final List<String> CITIES = List.of("baku", "kyiv", "lima", "oslo", "rome");
    static final List<String> PLANS = List.of("basic", "pro");

    private Toy() {
    }

    static Frame frame(int rows, long seed) {
        Random random = new Random(seed);
        NumericColumn.Builder x = NumericColumn.builder("x");
        NumericColumn.Builder z = NumericColumn.builder(Field.numeric("z").required(), rows);
        CategoricalColumn.Builder city = CategoricalColumn.builder("city");
        CategoricalColumn.Builder plan = CategoricalColumn.builder("plan");
        BooleanColumn.Builder flag = BooleanColumn.builder(Field.of("flag", FieldType.BOOLEAN), rows);
        CategoricalColumn.Builder y = CategoricalColumn.builder("y");
        for (int i = 0; i < rows; i++) {
            double xv = random.nextGaussian();
            String c = CITIES.get(random.nextInt(CITIES.size()));
            boolean f = random.nextBoolean();
            if (random.nextInt(8) == 0) {
                x.addMissing();
            } else {
                x.add(xv);
            }
            z.add(random.nextDouble() * 10);
            city.add(c);
            plan.add(PLANS.get(random.nextInt(2)));
            flag.add(f);
            double score = xv + (c.equals("oslo") || c.equals("rome") ? 2 : 0) + (f ? 1 : 0) + random.nextGaussian();
            y.add(score > 1.5 ? "hi" : "lo");
        }
        return Frame.of(x.build(), z.build(), city.build(), plan.build(), flag.build(), y.build());
    }

    /** A valid request, different for each {@code i}. */
    static dev.mlops.api.Features row(int i) {
        Random random = new Random(i);
        return dev.mlops.api.Features.of("x", random.nextGaussian() * 2, "z", random.nextDouble() * 10, "city",
                CITIES.get(random.nextInt(CITIES.size())), "plan", PLANS.get(random.nextInt(2)), "flag",
                random.nextBoolean());
    }

    static ModelBundle bundle() {
        return bundle(1);
    }

    /** Trained on another sample for each {@code seed}, so versions answer differently. */
    static ModelBundle bundle(long seed) {
        return bundle(seed, 300);
    }

    /** Trained on {@code rows} rows of the sample {@code seed}. */
    static ModelBundle bundle(long seed, int rows) {
        return Training.with(Algorithms.tribuo().logisticRegression().seed(5)).fit(frame(rows, seed), "y",
                Prep.chain(Prep.impute(Impute.MEDIAN, "x"), Prep.standardize(), Prep.oneHot(Unseen.ERROR, "city"),
                        Prep.oneHot(Unseen.IGNORE, "plan")));
    }

    /** A model that needs one more input, {@code w}: the requests of the other versions lack it. */
    static ModelBundle bundleNeedingW() {
        Frame frame = frame(300, 11);
        NumericColumn.Builder w = NumericColumn.builder(Field.numeric("w").required(), frame.rowCount());
        Random random = new Random(11);
        for (int i = 0; i < frame.rowCount(); i++) {
            w.add(random.nextDouble());
        }
        return Training.with(Algorithms.tribuo().logisticRegression().seed(5)).fit(frame.withColumn(w.build()), "y",
                Prep.chain(Prep.impute(Impute.MEDIAN, "x"), Prep.standardize(), Prep.oneHot(Unseen.ERROR, "city"),
                        Prep.oneHot(Unseen.IGNORE, "plan")));
    }

    /** A model whose inputs differ: it does not read {@code plan}, so requests that send it are refused. */
    static ModelBundle bundleWithoutPlan() {
        return Training.with(Algorithms.tribuo().logisticRegression().seed(5)).fit(frame(300, 9).drop("plan"), "y",
                Prep.chain(Prep.impute(Impute.MEDIAN, "x"), Prep.standardize(), Prep.oneHot(Unseen.ERROR, "city")));
    }
}
