package dev.mlops.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.mlops.api.Features;
import dev.mlops.api.Frame;
import dev.mlops.api.InvalidInputException;
import dev.mlops.core.bundle.ModelBundle;
import dev.mlops.core.pipeline.Training;
import dev.mlops.core.prep.Impute;
import dev.mlops.core.prep.Prep;
import dev.mlops.core.prep.Unseen;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Rows of any shape (missing, extra or misspelt names; NaN, infinities, strings, booleans, nulls)
 * get a prediction or an {@link InvalidInputException} listing problems, never another exception,
 * from a Tribuo and a Smile bundle with a categorical input.
 */
class PredictionHostileInputPropertyTest {

    private static final Frame DATA = withColour(Iris.frame());
    private static final List<ModelBundle> BUNDLES = List.of(
            Training.with(Algorithms.tribuo().logisticRegression().epochs(2)).fit(DATA, "species",
                    Prep.chain(Prep.impute(Impute.MOST_FREQUENT), Prep.standardize(), Prep.oneHot(Unseen.IGNORE))),
            Training.with(Algorithms.smile().randomForest().trees(5)).fit(DATA, "species",
                    Prep.chain(Prep.impute(Impute.MOST_FREQUENT))));
    private static final List<String> NAMES = List.of("sepal_length", "sepal_width", "petal_length", "petal_width",
            "colour", "Sepal_length", "species", "", "colour ");
    private static final List<Object> VALUES = List.of(1.0, -3.5, Double.NaN, Double.POSITIVE_INFINITY, 1e308, 0.0,
            "setosa", "purple", "", true, "1.5");

    private static Frame withColour(Frame iris) {
        return iris.withColumn(iris.categorical("species").withName("colour"));
    }

    @Test
    void anyRowGetsAPredictionOrAListOfProblems() {
        Gen<Features> rows = lists().of(integers().between(0, NAMES.size() - 1)).ofSizeBetween(0, 8)
                .zip(lists().of(integers().between(-1, VALUES.size() - 1)).ofSize(8), (names, values) -> {
                    Features.Builder row = Features.builder();
                    for (int i = 0; i < names.size(); i++) {
                        int value = values.get(i);
                        row.set(NAMES.get(names.get(i)), value < 0 ? null : VALUES.get(value));
                    }
                    return row.build();
                });
        for (ModelBundle bundle : BUNDLES) {
            qt().withExamples(400).forAll(rows).checkAssert(row -> {
                // never predicted past a problem the signature finds; a refusal lists its problems (the
                // signature's when it finds any, else a later stage's, such as an unseen category)
                List<InvalidInputException.Problem> problems = bundle.signature().problems(row);
                try {
                    assertTrue(bundle.signature().labels().contains(
                            ((dev.mlops.api.Prediction.Classification) bundle.predict(row)).label()));
                    assertTrue(problems.isEmpty(), "predicted despite " + problems);
                } catch (InvalidInputException refused) {
                    assertFalse(refused.problems().isEmpty(), refused.getMessage());
                    if (!problems.isEmpty()) {
                        assertEquals(problems.size(), refused.problems().size(), refused.getMessage());
                    }
                }
            });
        }
    }

    @Test
    void completeRowsWithAnyFiniteNumbersArePredicted() {
        for (ModelBundle bundle : BUNDLES) {
            qt().withExamples(200).forAll(doubles().between(-1e6, 1e6), doubles().between(-1e6, 1e6),
                    doubles().between(-1e6, 1e6), doubles().between(-1e6, 1e6)).checkAssert((a, b, c, d) ->
                    bundle.predict(Features.of(Map.of("sepal_length", a, "sepal_width", b, "petal_length", c,
                            "petal_width", d, "colour", "virginica"))));
        }
    }
}
