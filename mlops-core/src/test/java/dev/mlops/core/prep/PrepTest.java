package dev.mlops.core.prep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.DataException;
import dev.mlops.api.Features;
import dev.mlops.api.Frame;
import dev.mlops.api.NumericColumn;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-worked values for each step. */
class PrepTest {

    private static final Frame TRAIN = Frame.of(
            NumericColumn.builder("x").add(1).add(2).add(3).add(10).addMissing().build(),
            CategoricalColumn.of("c", "b", "a", "b", null, "c"));

    @Test
    void imputersFillWithHandComputedValues() {
        assertEquals(4.0, Prep.impute(Impute.MEAN).fit(TRAIN).transform(TRAIN).numeric("x").value(4));
        assertEquals(2.5, Prep.impute(Impute.MEDIAN).fit(TRAIN).transform(TRAIN).numeric("x").value(4));
        Frame mostFrequent = Prep.impute(Impute.MOST_FREQUENT).fit(TRAIN).transform(TRAIN);
        assertEquals(1.0, mostFrequent.numeric("x").value(4), "all values tie once: the smallest wins");
        assertEquals("b", mostFrequent.categorical("c").value(3));
        assertEquals(0, mostFrequent.categorical("c").missingCount());
        assertThrows(IllegalArgumentException.class, () -> Prep.impute(Impute.MEAN, "c").fit(TRAIN));
    }

    @Test
    void scalersUseHandComputedCentersAndScales() {
        // values 1, 2, 3, 10: mean 4, population std sqrt((9 + 4 + 1 + 36) / 4) = sqrt(12.5)
        Scaled standard = (Scaled) Prep.standardize().fit(TRAIN);
        assertEquals(new Scaled.Scaling("x", 4, Math.sqrt(12.5)), standard.columns().get(0));
        Scaled minMax = (Scaled) Prep.minMax().fit(TRAIN);
        assertEquals(new Scaled.Scaling("x", 1, 9), minMax.columns().get(0));
        // NumPy percentiles of 1, 2, 3, 10: median 2.5, q25 1.75, q75 4.75
        Scaled robust = (Scaled) Prep.robust().fit(TRAIN);
        assertEquals(new Scaled.Scaling("x", 2.5, 3.0), robust.columns().get(0));
        Frame scaled = minMax.transform(TRAIN);
        assertEquals(1.0, scaled.numeric("x").value(3));
        assertTrue(scaled.numeric("x").isMissing(4), "missing stays missing");
        Frame constant = Frame.of(NumericColumn.of("k", 5, 5));
        assertEquals(0.0, Prep.standardize().fit(constant).transform(constant).numeric("k").value(0),
                "a zero spread scales by 1");
    }

    @Test
    void oneHotPlacesIndicatorsInPlaceAndHandlesUnseenCategoriesByPolicy() {
        Frame serve = Frame.of(NumericColumn.of("x", 1), CategoricalColumn.of("c", "z"));
        FittedStep ignore = Prep.oneHot(Unseen.IGNORE).fit(TRAIN);
        Frame encoded = ignore.transform(TRAIN);
        assertEquals(List.of("x", "c=a", "c=b", "c=c"), encoded.schema().names());
        assertEquals(1.0, encoded.numeric("c=b").value(0));
        assertEquals(0.0, encoded.numeric("c=a").value(3) + encoded.numeric("c=b").value(3)
                + encoded.numeric("c=c").value(3), "missing gives all zeros");
        assertEquals(Features.of("x", 1, "c=a", 0, "c=b", 0, "c=c", 0), ignore.transform(serve.row(0)));
        FittedStep other = Prep.oneHot(Unseen.OTHER).fit(TRAIN);
        assertEquals(1.0, other.transform(serve).numeric("c=<other>").value(0));
        FittedStep error = Prep.oneHot(Unseen.ERROR).fit(TRAIN);
        DataException e = assertThrows(DataException.class, () -> error.transform(serve));
        assertEquals("c", e.column().orElseThrow());
        assertEquals("z", e.rawValue().orElseThrow());
        assertThrows(DataException.class, () -> error.transform(serve.row(0)));
    }

    @Test
    void ordinalCodesFollowSortedCategories() {
        FittedStep ordinal = Prep.ordinal(Unseen.OTHER).fit(TRAIN);
        Frame encoded = ordinal.transform(TRAIN);
        assertEquals(1.0, encoded.numeric("c").value(0));
        assertEquals(0.0, encoded.numeric("c").value(1));
        assertTrue(encoded.numeric("c").isMissing(3));
        assertEquals(3.0, ordinal.transform(Features.of("x", 1, "c", "z")).number("c"));
    }

    @Test
    void clipAndLogRefuseWhatTheyCannotDo() {
        assertEquals(3.0, Prep.clip("x", 0, 3).fit(TRAIN).transform(TRAIN).numeric("x").value(3));
        assertThrows(IllegalArgumentException.class, () -> Prep.clip("x", 3, 0));
        FittedStep log = Prep.log1p("x").fit(TRAIN);
        assertEquals(Math.log1p(10), log.transform(TRAIN).numeric("x").value(3));
        DataException e = assertThrows(DataException.class, () -> log.transform(Features.of("x", -1, "c", "a")));
        assertTrue(e.getMessage().contains("domain"), e.getMessage());
    }

    @Test
    void stepsNameWhatIsMissingOrMistyped() {
        IllegalArgumentException absent = assertThrows(IllegalArgumentException.class,
                () -> Prep.standardize().fit(TRAIN).transform(Features.of("c", "a")));
        assertTrue(absent.getMessage().contains("'x'"), absent.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Prep.standardize("c").fit(TRAIN));
        assertThrows(IllegalArgumentException.class, () -> Prep.oneHot(Unseen.IGNORE, "x").fit(TRAIN));
        assertThrows(IllegalArgumentException.class, () -> Prep.drop());
        assertThrows(IllegalArgumentException.class,
                () -> Prep.standardize().fit(Frame.of(NumericColumn.builder("x").addMissing().build())));
    }

    @Test
    void fitTransformGivesWhatFitThenTransformGives() {
        Prep.StepChain chain = Prep.chain(Prep.impute(Impute.MOST_FREQUENT), Prep.robust(), Prep.oneHot(Unseen.OTHER));
        Prep.Fitted fitted = chain.fitTransform(TRAIN);
        assertEquals(chain.fit(TRAIN), fitted.chain());
        assertEquals(fitted.chain().transform(TRAIN), fitted.transformed());
    }

    @Test
    void theJsonFormIsPlainAndStrict() {
        FittedChain chain = Prep.chain(Prep.impute(Impute.MEDIAN), Prep.standardize(), Prep.oneHot(Unseen.IGNORE))
                .fit(TRAIN);
        String json = chain.toJson();
        assertTrue(json.contains("\"step\":\"impute\"") && json.contains("\"step\":\"one-hot\""), json);
        assertEquals(chain, FittedChain.fromJson(json));
        assertThrows(DataException.class, () -> FittedChain.fromJson("{\"steps\":[{\"step\":\"teleport\"}]}"));
        assertThrows(DataException.class, () -> FittedChain.fromJson(
                "{\"steps\":[{\"step\":\"scale\",\"kind\":\"STANDARD\",\"columns\":[{\"column\":\"x\",\"center\":0,"
                        + "\"scale\":0}]}]}"));
        assertThrows(DataException.class, () -> FittedChain.fromJson("{\"steps\":[null]}"));
        assertThrows(DataException.class, () -> FittedChain.fromJson("{\"steps\":[{\"step\":\"one-hot\","
                + "\"encodings\":[{\"column\":\"c\",\"categories\":[\"b\",\"a\"]}],\"unseen\":\"IGNORE\"}]}"),
                "categories must be sorted: encoders look them up by binary search");
        assertThrows(DataException.class, () -> FittedChain.fromJson("{\"steps\":[], \"extra\": 1}"));
        assertThrows(DataException.class, () -> FittedChain.fromJson("not json"));
    }
}
