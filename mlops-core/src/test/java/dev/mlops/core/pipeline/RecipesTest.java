package dev.mlops.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.NumericColumn;
import dev.mlops.api.pipeline.Recipe;
import dev.mlops.api.pipeline.Reproducible;
import dev.mlops.core.check.Checks;
import dev.mlops.core.prep.Impute;
import dev.mlops.core.prep.Prep;
import dev.mlops.core.prep.Step;
import dev.mlops.core.prep.Unseen;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every built-in step and check is built again from its recipe, after the JSON a run record holds. */
class RecipesTest {

    private static final Frame FRAME = Frame.of(
            NumericColumn.builder("x").add(1).add(2).addMissing().add(4).add(5).add(6).build(),
            NumericColumn.of("y", 0.5, 1.5, 2.5, 3.5, 4.5, 5.5),
            CategoricalColumn.of("c", "a", "a", "b", null, "a", "rare"),
            CategoricalColumn.of("n", "1", "2", "3", "4", "5", "6"));

    private static Object again(Reproducible part) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Object map = json.readValue(json.writeValueAsString(part.recipe().asMap()), Object.class);
        Object rebuilt = Recipes.build(Recipe.fromMap(map));
        assertEquals(part.recipe(), ((Reproducible) rebuilt).recipe(), part.toString());
        return rebuilt;
    }

    @Test
    void everyPreparationStepIsBuiltAgainAndFitsTheSame() throws Exception {
        List<Step> steps = List.of(Prep.impute(Impute.MEDIAN, "x"), Prep.impute(Impute.MOST_FREQUENT),
                Prep.imputeConstant(-1, "x"), Prep.imputeConstant("none", "c"), Prep.standardize("y"), Prep.minMax(),
                Prep.robust("y"), Prep.clip("y", 1, 4), Prep.log1p("y"), Prep.oneHot(Unseen.OTHER, "c"),
                Prep.ordinal(Unseen.IGNORE), Prep.drop("n"), Prep.dropDuplicates("c"), Prep.quantileBins(3, "y"),
                Prep.convert("n", FieldType.NUMERIC), Prep.derive("z", "y * 2 + max(y, 1)"),
                Prep.groupRare(2, "c"), Prep.groupRare(1));
        for (Step step : steps) {
            Step rebuilt = assertInstanceOf(Step.class, again((Reproducible) step));
            assertEquals(step.fit(FRAME), rebuilt.fit(FRAME), step.toString());
        }
    }

    @Test
    void everyBuiltInCheckIsBuiltAgainAndJudgesTheSame() throws Exception {
        var checks = List.of(Checks.hasColumn("x", FieldType.NUMERIC), Checks.complete("x"),
                Checks.completeness("c", 0.5), Checks.range("y", 0, 5), Checks.allowed("c", Set.of("a", "b")),
                Checks.pattern("n", "[0-9]+"), Checks.unique("n"), Checks.rowCount(1, 10), Checks.mean("y", 1, 4),
                Checks.std("y", 0, 1));
        for (var check : checks) {
            var rebuilt = (dev.mlops.core.check.Check) again((Reproducible) check);
            assertEquals(Checks.run(FRAME, check).toString(), Checks.run(FRAME, rebuilt).toString(), check.toString());
        }
    }
}
