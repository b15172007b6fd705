package dev.mlops.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mlops.api.BooleanColumn;
import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Features;
import dev.mlops.api.Field;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.NumericColumn;
import dev.mlops.api.Prediction;
import dev.mlops.api.model.ProgressListener;
import dev.mlops.api.model.Trainer;
import dev.mlops.core.prep.Impute;
import dev.mlops.core.prep.Prep;
import dev.mlops.core.prep.Unseen;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The compiled row path predicts exactly what preparing a row with the chain's row transform and
 * calling the backend's row predict gives, for every backend, with missing values, booleans and
 * unseen categories, through the array path (all-numeric model inputs) and the row path (Smile's
 * nominal inputs); and refuses the same rows with the same message.
 */
class CompiledModelTest {

    private static final List<String> CITIES = List.of("oslo", "rome", "lima", "kyiv", "baku");

    /** Rows with a signal: {@code y} is "hi" mostly when x + 2·[city is oslo or rome] + [flag] is large. */
    private static Frame frame(int rows, long seed, boolean serving) {
        Random random = new Random(seed);
        NumericColumn.Builder x = NumericColumn.builder("x");
        NumericColumn.Builder z = NumericColumn.builder("z");
        CategoricalColumn.Builder city = CategoricalColumn.builder("city");
        BooleanColumn.Builder flag = BooleanColumn.builder(Field.of("flag", FieldType.BOOLEAN), rows);
        NumericColumn.Builder amount = NumericColumn.builder("amount");
        CategoricalColumn.Builder y = CategoricalColumn.builder("y");
        for (int i = 0; i < rows; i++) {
            double xv = random.nextGaussian();
            String c = serving && random.nextInt(10) == 0 ? "paris" : CITIES.get(random.nextInt(CITIES.size()));
            boolean f = random.nextBoolean();
            if (random.nextInt(8) == 0) {
                x.addMissing();
            } else {
                x.add(xv);
            }
            z.add(random.nextDouble() * 100);
            if (random.nextInt(9) == 0) {
                city.addMissing();
            } else {
                city.add(c);
            }
            flag.add(f);
            double score = xv + (c.equals("oslo") || c.equals("rome") ? 2 : 0) + (f ? 1 : 0) + random.nextGaussian();
            amount.add(score * 10);
            y.add(score > 1.5 ? "hi" : "lo");
        }
        return Frame.of(x.build(), z.build(), city.build(), flag.build(), amount.build(), y.build());
    }

    private static void assertSamePredictions(Trainer trainer, String target, Prep.StepChain steps) {
        String other = target.equals("y") ? "amount" : "y";
        Frame train = frame(400, 1, false).drop(other);
        PreparedModel model = PreparedModel.fit(trainer, train, target, steps, ProgressListener.none());
        Frame serve = frame(300, 2, true).drop(other);
        int compared = 0;
        for (int row = 0; row < serve.rowCount(); row++) {
            Features raw = serve.row(row).toBuilder().remove(target).build();
            Prediction expected;
            try {
                expected = model.model().predict(model.preparation().transform(raw));
            } catch (RuntimeException refused) {
                RuntimeException also = assertThrows(refused.getClass(), () -> model.compiled().predict(raw));
                assertEquals(refused.getMessage(), also.getMessage(), "row " + row);
                continue;
            }
            assertEquals(expected, model.compiled().predict(raw), "row " + row + ": " + raw);
            compared++;
        }
        assertEquals(true, compared > 100, "most rows predicted: " + compared);
    }

    private static Prep.StepChain encoded() {
        return Prep.chain(Prep.impute(Impute.MEDIAN), Prep.impute(Impute.MOST_FREQUENT), Prep.standardize(),
                Prep.oneHot(Unseen.IGNORE));
    }

    @Test
    void tribuoClassifiersAndRegressorsPredictTheSameThroughTheArrayPath() {
        Algorithms.Tribuo tribuo = Algorithms.tribuo();
        for (Trainer trainer : List.<Trainer>of(tribuo.logisticRegression().seed(3), tribuo.cart(),
                tribuo.randomForest().trees(5).seed(3), tribuo.xgboost().trees(10).seed(3))) {
            assertSamePredictions(trainer, "y", encoded());
        }
        assertSamePredictions(tribuo.linearRegression(), "amount", encoded());
        assertSamePredictions(tribuo.randomForestRegression().trees(5).seed(3), "amount", encoded());
    }

    @Test
    void smileModelsPredictTheSameWithEncodedAndWithNominalInputs() {
        Algorithms.Smile smile = Algorithms.smile();
        Prep.StepChain nominal = Prep.chain(Prep.impute(Impute.MEDIAN), Prep.impute(Impute.MOST_FREQUENT),
                Prep.clip("x", -2, 2));
        for (Trainer trainer : List.<Trainer>of(smile.randomForest().trees(5).seed(3),
                smile.gradientBoosting().trees(5), smile.logisticRegression())) {
            assertSamePredictions(trainer, "y", encoded());
        }
        assertSamePredictions(smile.randomForest().trees(5).seed(3), "y", nominal);
        assertSamePredictions(smile.ols(), "amount", encoded());
    }

    @Test
    void aRowThatTheModelCannotTakeIsRefusedAsTheRowPathRefusesIt() {
        // no imputation: a missing x reaches the model, which refuses it in both paths alike
        assertSamePredictions(Algorithms.tribuo().logisticRegression().seed(3), "y",
                Prep.chain(Prep.impute(Impute.MOST_FREQUENT), Prep.oneHot(Unseen.ERROR)));
    }
}
