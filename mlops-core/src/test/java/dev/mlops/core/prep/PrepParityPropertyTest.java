package dev.mlops.core.prep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.DataException;
import dev.mlops.api.Features;
import dev.mlops.api.Frame;
import dev.mlops.api.NumericColumn;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * Training/serving skew is ruled out: a fitted chain gives a frame and each of its rows one by one
 * exactly the same values (or refuses both), for data with missing values, NaN and unseen categories.
 */
class PrepParityPropertyTest {

    private static final List<String> LABELS = List.of("a", "b", "c", "d");

    private static Frame frame(RandomnessSource in, int rows, boolean unseen) {
        NumericColumn.Builder x = NumericColumn.builder("x");
        NumericColumn.Builder y = NumericColumn.builder("y");
        CategoricalColumn.Builder c = CategoricalColumn.builder("c");
        CategoricalColumn.Builder d = CategoricalColumn.builder("d");
        for (int i = 0; i < rows; i++) {
            long pick = in.next(Constraint.between(0, 9));
            if (pick == 0) {
                x.addMissing();
            } else if (pick == 1) {
                x.add(Double.NaN);
            } else {
                x.add(in.next(Constraint.between(-5_000, 5_000)) / 64.0);
            }
            if (in.next(Constraint.between(0, 5)) == 0) {
                y.addMissing();
            } else {
                y.add(in.next(Constraint.between(0, 1_000)) / 3.0);
            }
            c.add(label(in, unseen));
            d.add(label(in, unseen));
        }
        return Frame.of(x.build(), c.build(), y.build(), d.build());
    }

    private static String label(RandomnessSource in, boolean unseen) {
        long pick = in.next(Constraint.between(0, LABELS.size() + 1));
        if (pick == LABELS.size()) {
            return null;
        }
        if (pick == LABELS.size() + 1) {
            return unseen ? "unseen" : "a";
        }
        return LABELS.get((int) pick);
    }

    private record Case(Frame train, Frame serve, int chain) {
    }

    private static Gen<Case> cases() {
        return in -> {
            Frame train;
            do {
                train = frame(in, (int) in.next(Constraint.between(2, 40)), false);
            } while (!fittable(train));
            return new Case(train, frame(in, (int) in.next(Constraint.between(0, 40)), true),
                    (int) in.next(Constraint.between(0, 6)));
        };
    }

    /** Fitting needs at least one finite value and one label per column. */
    private static boolean fittable(Frame frame) {
        NumericColumn x = frame.numeric("x");
        NumericColumn y = frame.numeric("y");
        boolean finiteX = false;
        boolean finiteY = false;
        for (int i = 0; i < frame.rowCount(); i++) {
            finiteX |= !x.isMissing(i) && Double.isFinite(x.value(i));
            finiteY |= !y.isMissing(i);
        }
        return finiteX && finiteY && frame.categorical("c").missingCount() < frame.rowCount()
                && frame.categorical("d").missingCount() < frame.rowCount();
    }

    private static Prep.StepChain chain(int which) {
        return switch (which) {
            case 0 -> Prep.chain(Prep.impute(Impute.MEDIAN), Prep.impute(Impute.MOST_FREQUENT, "c"),
                    Prep.standardize(), Prep.oneHot(Unseen.IGNORE));
            case 1 -> Prep.chain(Prep.robust("x"), Prep.clip("x", -2, 2), Prep.minMax("y"), Prep.log1p("y"),
                    Prep.oneHot(Unseen.OTHER, "c"), Prep.ordinal(Unseen.OTHER, "d"));
            case 2 -> Prep.chain(Prep.impute(Impute.MEAN, "x"), Prep.imputeConstant(-1, "y"),
                    Prep.imputeConstant("none", "c", "d"), Prep.ordinal(Unseen.IGNORE), Prep.drop("y"));
            case 3 -> Prep.chain(Prep.impute(Impute.MOST_FREQUENT), Prep.oneHot(Unseen.ERROR));
            case 5 -> Prep.chain(Prep.quantileBins(4, "y"), Prep.derive("z", "x * 2 + log1p(abs(y)) - min(x, y)"),
                    Prep.convert("y", dev.mlops.api.FieldType.CATEGORICAL), Prep.oneHot(Unseen.OTHER, "y"),
                    Prep.ordinal(Unseen.IGNORE, "c"));
            // rare and unseen categories grouped before encoders that refuse unseen ones; the second
            // grouping covers every categorical column, its bucket included
            case 6 -> Prep.chain(Prep.groupRare(3, "c"), Prep.groupRare(2), Prep.impute(Impute.MOST_FREQUENT, "c"),
                    Prep.ordinal(Unseen.ERROR, "c"), Prep.oneHot(Unseen.ERROR, "d"));
            // serving values below the training minimum map below 0, and those far enough below to
            // -1 or less, which log1p must refuse in both paths alike
            default -> Prep.chain(Prep.minMax("x"), Prep.log1p("x"), Prep.ordinal(Unseen.ERROR, "c"));
        };
    }

    @Test
    void frameAndRowByRowTransformsAgreeExactly() {
        qt().withExamples(500).forAll(cases()).checkAssert(c -> {
            FittedChain fitted = chain(c.chain()).fit(c.train());
            Frame whole;
            try {
                whole = fitted.transform(c.serve());
            } catch (DataException refused) {
                boolean anyRowRefused = false;
                for (int row = 0; row < c.serve().rowCount(); row++) {
                    try {
                        fitted.transform(c.serve().row(row));
                    } catch (DataException alsoRefused) {
                        anyRowRefused = true;
                    }
                }
                assertTrue(anyRowRefused, "the frame was refused (" + refused.getMessage() + ") but no row was");
                return;
            }
            assertEquals(c.serve().rowCount(), whole.rowCount());
            for (int row = 0; row < c.serve().rowCount(); row++) {
                assertEquals(whole.row(row), fitted.transform(c.serve().row(row)), "row " + row);
            }
        });
    }

    @Test
    void theCompiledChainGivesEachRowExactlyWhatTheChainGivesIt() {
        qt().withExamples(500).forAll(cases()).checkAssert(c -> {
            FittedChain fitted = chain(c.chain()).fit(c.train());
            CompiledChain compiled = CompiledChain.of(fitted, c.serve().schema());
            assertEquals(fitted.outputs(c.serve().schema()), compiled.outputs());
            RowSlots slots = compiled.newSlots(); // reused across rows, as a serving thread does
            for (int row = 0; row < c.serve().rowCount(); row++) {
                Features raw = c.serve().row(row);
                Features expected;
                try {
                    expected = fitted.transform(raw);
                } catch (DataException refused) {
                    slots.fill(compiled.inputs(), raw);
                    DataException also = org.junit.jupiter.api.Assertions.assertThrows(DataException.class,
                            () -> compiled.run(slots), "row " + row);
                    assertEquals(refused.getMessage(), also.getMessage());
                    continue;
                }
                slots.fill(compiled.inputs(), raw);
                compiled.run(slots);
                assertEquals(expected, slots.export(compiled.outputs()), "row " + row + " of chain " + c.chain());
                assertEquals(expected, compiled.transform(raw));
            }
        });
    }

    @Test
    void aChainSurvivesItsJsonFormAndTransformsTheSame() {
        qt().withExamples(200).forAll(cases()).checkAssert(c -> {
            FittedChain fitted = chain(c.chain()).fit(c.train());
            FittedChain restored = FittedChain.fromJson(fitted.toJson());
            assertEquals(fitted, restored);
            assertEquals(fitted.toJson(), restored.toJson());
            Frame sample = c.train();
            assertEquals(fitted.transform(sample), restored.transform(sample));
        });
    }

    @Test
    void rowsAreIndependentOfTheFrameTheyCameIn() {
        qt().withExamples(200).forAll(cases()).checkAssert(c -> {
            FittedChain fitted = chain(0).fit(c.train());
            Features first = c.train().row(0);
            assertEquals(fitted.transform(c.train()).row(0), fitted.transform(first));
        });
    }
}
