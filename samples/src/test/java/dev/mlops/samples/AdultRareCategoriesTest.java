package dev.mlops.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Frame;
import dev.mlops.api.model.ProgressListener;
import dev.mlops.core.eval.CrossValidation;
import dev.mlops.core.prep.Impute;
import dev.mlops.core.prep.Prep;
import dev.mlops.core.split.Split;
import dev.mlops.core.train.Algorithms;
import dev.mlops.core.train.SmileRandomForest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Smile's trees split categories natively and refuse one their training rows lacked. adult.data has
 * one row from Holand-Netherlands, so the fold that holds it out trains without it: cross-validation
 * fails there, saying which value and which step avoids it, and passes with {@code Prep.groupRare}.
 */
class AdultRareCategoriesTest {

    private static Frame adult;
    private static SmileRandomForest forest;

    @BeforeAll
    static void read() {
        adult = Datasets.adultTrain().frame();
        forest = Algorithms.smile().randomForest().trees(10).maxDepth(8);
    }

    @Test
    void withoutGroupingTheFoldHoldingOutTheOnlyHolandNetherlandsRowFailsClearly() {
        Exception e = assertThrows(Exception.class, () -> CrossValidation.run(forest, adult, "Salary",
                Prep.chain(Prep.impute(Impute.MOST_FREQUENT)), Split.kFold(5).stratifiedBy("Salary").seed(7),
                ProgressListener.none()));
        String message = String.valueOf(e.getMessage()) + " " + (e.getCause() == null ? "" : e.getCause().getMessage());
        assertTrue(message.contains("Holand-Netherlands") && message.contains("Prep.groupRare"), message);
    }

    @Test
    void groupingRareCountriesLetsEveryFoldScore() {
        CrossValidation.Result cv = CrossValidation.run(forest, adult, "Salary",
                Prep.chain(Prep.impute(Impute.MOST_FREQUENT), Prep.groupRare(30, "native-country")),
                Split.kFold(5).stratifiedBy("Salary").seed(7), ProgressListener.none());
        assertEquals(5, cv.perFold().size());
        assertTrue(cv.metric("accuracy").mean() > 0.83, cv.summary().toString());
    }
}
