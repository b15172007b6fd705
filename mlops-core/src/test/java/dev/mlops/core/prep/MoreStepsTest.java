package dev.mlops.core.prep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.BooleanColumn;
import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.DataException;
import dev.mlops.api.FieldType;
import dev.mlops.api.Features;
import dev.mlops.api.Frame;
import dev.mlops.api.NumericColumn;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Quantile binning, type conversion, duplicate removal, derived columns and rare grouping, on hand-worked values. */
class MoreStepsTest {

    @Test
    void rareAndUnseenCategoriesJoinOneBucketAndMissingStaysMissing() {
        // counts: a 3, b 2, c 1; with a least count of 2, c is rare
        Frame frame = Frame.of(CategoricalColumn.of("k", "a", "b", "a", "c", null, "b", "a"),
                CategoricalColumn.of("other", "x", "x", "x", "x", "x", "x", "y"));
        RareGrouped grouped = (RareGrouped) Prep.groupRare(2, "k").fit(frame);
        assertEquals(List.of(new Encoding("k", List.of("a", "b"))), grouped.kept());
        Frame out = grouped.transform(frame);
        assertEquals(java.util.Arrays.asList("a", "b", "a", "other", null, "b", "a"),
                java.util.stream.IntStream.range(0, 7).mapToObj(out.categorical("k")::value).toList());
        assertEquals(frame.categorical("other"), out.categorical("other"), "an unnamed column is untouched");
        assertEquals("other", grouped.transform(Features.of("k", "never-seen", "other", "x")).string("k"));
        assertEquals("b", grouped.transform(Features.of("k", "b", "other", "x")).string("k"));
        assertEquals(null, grouped.transform(Features.of("k", null, "other", "x")).get("k"));
        RareGrouped every = (RareGrouped) Prep.groupRare(2).fit(frame);
        assertEquals(List.of("k", "other"), every.kept().stream().map(Encoding::column).toList(),
                "no column named: every categorical column");
        assertEquals(List.of("x"), every.kept().get(1).categories());
        assertEquals(List.of("a", "b", "c"), ((RareGrouped) Prep.groupRare(1, "k").fit(frame)).kept().get(0)
                .categories(), "a least count of 1 keeps every seen category");
        assertThrows(IllegalArgumentException.class, () -> Prep.groupRare(0, "k"));
        assertThrows(IllegalArgumentException.class, () -> Prep.groupRare(2, "absent").fit(frame));
        assertThrows(IllegalArgumentException.class,
                () -> Prep.groupRare(2, "x").fit(Frame.of(NumericColumn.of("x", 1, 2))));
        assertEquals("prep.groupRare[2, [k]]", Prep.groupRare(2, "k").toString());
    }

    @Test
    void aGroupedChainRoundTripsItsJsonAndTheEncoderAfterItNeverMeetsAnUnseenCategory() {
        Frame frame = Frame.of(CategoricalColumn.of("k", "a", "a", "b", "rare"));
        FittedChain chain = Prep.chain(Prep.groupRare(2), Prep.oneHot(Unseen.ERROR)).fit(frame);
        assertEquals(chain, FittedChain.fromJson(chain.toJson()));
        assertTrue(chain.toJson().contains("\"group-rare\""), chain.toJson());
        for (String bad : List.of("{\"steps\":[{\"step\":\"group-rare\",\"kept\":[{\"column\":\"k\","
                        + "\"categories\":[\"b\",\"a\"]}],\"other\":\"other\"}]}",
                "{\"steps\":[{\"step\":\"group-rare\",\"kept\":[],\"other\":null}]}",
                "{\"steps\":[{\"step\":\"group-rare\",\"kept\":[null],\"other\":\"x\"}]}")) {
            DataException refused = assertThrows(DataException.class, () -> FittedChain.fromJson(bad), bad);
            assertTrue(refused.getMessage().contains("is not a valid fitted chain"), refused.getMessage());
        }
        Features unseen = chain.transform(Features.of("k", "brand-new"));
        assertEquals(1.0, unseen.number("k=other"));
        assertEquals(0.0, unseen.number("k=a"));
    }

    @Test
    void quantileBinsUseNumpyQuantilesAsEdges() {
        Frame frame = Frame.of(NumericColumn.of("x", 1, 2, 3, 4, 5, 6, 7, 8));
        QuantileBinned binned = (QuantileBinned) Prep.quantileBins(4).fit(frame);
        // NumPy's linear quantiles of 1..8 at 0.25, 0.5, 0.75: 2.75, 4.5, 6.25
        assertEquals(List.of(2.75, 4.5, 6.25), binned.bins().get(0).edges());
        assertEquals(Frame.of(NumericColumn.of("x", 0, 0, 1, 1, 2, 2, 3, 3)), binned.transform(frame));
        assertEquals(3.0, binned.transform(Features.of("x", 100)).number("x"));
        assertEquals(0.0, binned.transform(Features.of("x", -100)).number("x"));
        Frame constant = Frame.of(NumericColumn.of("k", 5, 5, 5));
        assertEquals(List.of(5.0), ((QuantileBinned) Prep.quantileBins(4).fit(constant)).bins().get(0).edges(),
                "repeated edges collapse");
        assertThrows(IllegalArgumentException.class, () -> Prep.quantileBins(1));
    }

    @Test
    void conversionsAreExactAndRefuseWhatDoesNotConvert() {
        Frame frame = Frame.of(NumericColumn.builder("n").add(3).add(2.5).addMissing().build(),
                CategoricalColumn.of("c", "7", "-1.5", null), BooleanColumn.of("b", true, false, null));
        Frame converted = Prep.chain(Prep.convert("n", FieldType.CATEGORICAL), Prep.convert("c", FieldType.NUMERIC),
                Prep.convert("b", FieldType.NUMERIC)).fit(frame).transform(frame);
        assertEquals(List.of("3", "2.5"), converted.categorical("n").dictionary());
        assertTrue(converted.categorical("n").isMissing(2));
        assertEquals(-1.5, converted.numeric("c").value(1));
        assertEquals(1.0, converted.numeric("b").value(0));
        assertTrue(converted.numeric("b").isMissing(2));
        FittedStep toNumber = Prep.convert("c", FieldType.NUMERIC).fit(frame);
        DataException e = assertThrows(DataException.class,
                () -> toNumber.transform(Frame.of(NumericColumn.of("n", 1), CategoricalColumn.of("c", "seven"),
                        BooleanColumn.of("b", true))));
        assertEquals("seven", e.rawValue().orElseThrow());
        assertThrows(IllegalArgumentException.class, () -> Prep.convert("n", FieldType.TIMESTAMP).fit(frame));
    }

    @Test
    void duplicateRowsAreDroppedKeepingTheFirstAndRowsPassUnchanged() {
        Frame frame = Frame.of(NumericColumn.builder("x").add(1).add(1).addMissing().addMissing().add(Double.NaN)
                .add(Double.NaN).build(), CategoricalColumn.of("c", "a", "a", null, null, "b", "c"));
        Frame all = Prep.dropDuplicates().fit(frame).transform(frame);
        assertEquals(Frame.of(NumericColumn.builder("x").add(1).addMissing().add(Double.NaN).add(Double.NaN).build(),
                CategoricalColumn.of("c", "a", null, "b", "c")), all);
        assertEquals(3, Prep.dropDuplicates("x").fit(frame).transform(frame).rowCount());
        Features row = frame.row(0);
        assertSame(row, Prep.dropDuplicates().fit(frame).transform(row));
    }

    @Test
    void derivedColumnsEvaluateExpressionsWithMissingPropagation() {
        Frame frame = Frame.of(NumericColumn.builder("capital-gain").add(100).add(50).addMissing().build(),
                NumericColumn.of("hours", 40, 0, 10));
        FittedStep derived = Prep.derive("per_hour", "`capital-gain` / max(hours, 1) + 2 ^ 3 - -1").fit(frame);
        Frame out = derived.transform(frame);
        assertEquals(List.of("capital-gain", "hours", "per_hour"), out.schema().names());
        assertEquals(100.0 / 40 + 8 + 1, out.numeric("per_hour").value(0), 1e-15);
        assertEquals(50.0 + 9, out.numeric("per_hour").value(1), 1e-15);
        assertTrue(out.numeric("per_hour").isMissing(2));
        assertEquals(out.row(1), derived.transform(frame.row(1)));
        assertEquals(Math.log(-1), Prep.derive("l", "log(hours - 50)").fit(frame).transform(frame).numeric("l")
                .value(0), "IEEE: the log of a negative number is NaN");
        assertEquals(Math.sqrt(2) * 1e-3, Prep.derive("s", "sqrt(2) * 1e-3").fit(frame).transform(frame)
                .numeric("s").value(0), 1e-18);
    }

    @Test
    void malformedExpressionsNameThePosition() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Prep.derive("y", "a + * b"));
        assertTrue(e.getMessage().contains("position 5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Prep.derive("y", "frobnicate(a)"));
        assertThrows(IllegalArgumentException.class, () -> Prep.derive("y", "min(a)"));
        assertThrows(IllegalArgumentException.class, () -> Prep.derive("y", "(a + b"));
        assertThrows(IllegalArgumentException.class, () -> Prep.derive("y", "`unclosed"));
        assertThrows(IllegalArgumentException.class, () -> Prep.derive("y", ""));
        assertThrows(IllegalArgumentException.class, () -> Prep.derive("y", "1.2.3"));
        Frame frame = Frame.of(CategoricalColumn.of("a", "x"));
        assertThrows(IllegalArgumentException.class, () -> Prep.derive("y", "a * 2").fit(frame));
    }

    @Test
    void theNewStepsSurviveJson() {
        Frame frame = Frame.of(NumericColumn.of("x", 1, 2, 3, 4), CategoricalColumn.of("c", "1", "2", "2", "3"));
        FittedChain chain = Prep.chain(Prep.dropDuplicates(), Prep.quantileBins(3, "x"),
                Prep.convert("c", FieldType.NUMERIC), Prep.derive("z", "x * c")).fit(frame);
        FittedChain restored = FittedChain.fromJson(chain.toJson());
        assertEquals(chain, restored);
        assertEquals(chain.transform(frame), restored.transform(frame));
        assertThrows(DataException.class, () -> FittedChain.fromJson(
                "{\"steps\":[{\"step\":\"derive\",\"column\":\"z\",\"expression\":\"x +\"}]}"));
    }
}
