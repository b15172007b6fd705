package dev.mlops.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameTest {

    private static final Schema PEOPLE = Schema.of(Field.numeric("age"), Field.categorical("city"),
            Field.bool("member"), Field.timestamp("joined"), Field.text("note"));

    private static Frame people() {
        return Frame.builder(PEOPLE)
                .add(34, "Lyon", true, Instant.parse("2020-01-02T03:04:05Z"), "first")
                .add(null, "Oslo", false, null, null)
                .add(Double.NaN, null, null, Instant.parse("1969-12-31T23:59:59.999999Z"), "")
                .add(51.5, "Lyon", true, Instant.EPOCH, "last")
                .build();
    }

    @Test
    void rowBuilderStoresTypedValuesAndMissingOnes() {
        Frame frame = people();
        assertEquals(4, frame.rowCount());
        assertEquals(PEOPLE, frame.schema());
        NumericColumn age = frame.numeric("age");
        assertEquals(34.0, age.value(0));
        assertTrue(age.isMissing(1));
        assertFalse(age.isMissing(2), "NaN is a value, not a missing one");
        assertTrue(Double.isNaN(age.value(2)));
        assertEquals(1, age.missingCount());
        CategoricalColumn city = frame.categorical("city");
        assertEquals(List.of("Lyon", "Oslo"), city.dictionary());
        assertEquals(0, city.code(3));
        assertEquals(CategoricalColumn.MISSING, city.code(2));
        assertNull(frame.bool("member").get(2));
        assertEquals(Instant.parse("1969-12-31T23:59:59.999999Z"), frame.timestamp("joined").value(2));
        assertEquals(-1, frame.timestamp("joined").epochMicros(2));
        assertEquals("", frame.text("note").value(2), "an empty string is a value");
        assertTrue(frame.text("note").isMissing(1));
    }

    @Test
    void aBadRowListsEveryProblemAndLeavesTheBuilderAsItWas() {
        Frame.RowBuilder builder = Frame.builder(Schema.of(Field.numeric("a").required(), Field.bool("b"),
                Field.timestamp("c")));
        builder.add(1, true, Instant.EPOCH);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> builder.add(null, "yes", Instant.ofEpochSecond(0, 1)));
        assertEquals(3, e.problems().size(), e.getMessage());
        assertEquals(List.of("a", "b", "c"), e.problems().stream().map(InvalidInputException.Problem::field).toList());
        assertTrue(e.getMessage().contains("finer than a microsecond"), e.getMessage());
        assertEquals(1, builder.rowCount());
        assertEquals(1, builder.build().rowCount());
    }

    @Test
    void aTimestampBeyondTheMicrosecondRangeIsAProblemOfItsRowAndLeavesTheBuilderAsItWas() {
        Frame.RowBuilder builder = Frame.builder(Schema.of(Field.numeric("a"), Field.timestamp("c")));
        builder.add(1, Instant.EPOCH);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> builder.add(2, Instant.ofEpochSecond(Long.MAX_VALUE / 1_000)));
        assertEquals(List.of("c"), e.problems().stream().map(InvalidInputException.Problem::field).toList());
        assertTrue(e.getMessage().contains("out of range for microseconds"), e.getMessage());
        builder.add(3, Instant.ofEpochSecond(60));
        Frame frame = builder.build();
        assertEquals(2, frame.rowCount());
        assertEquals(3.0, frame.numeric("a").value(1));
    }

    @Test
    void rowBuilderRefusesWrongArityAndReuseAfterBuild() {
        Frame.RowBuilder builder = Frame.builder(PEOPLE);
        assertThrows(InvalidInputException.class, () -> builder.add(1, "x"));
        builder.build();
        assertThrows(IllegalStateException.class, builder::build);
    }

    @Test
    void rowBuilderTakesMapsAndNamesUnknownKeys() {
        Frame.RowBuilder builder = Frame.builder(Schema.of(Field.numeric("a"), Field.categorical("b")));
        builder.add(java.util.Map.of("a", 1));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> builder.add(java.util.Map.of("a", 2, "z", 3)));
        assertEquals("z", e.problems().get(0).field());
        Frame frame = builder.build();
        assertEquals(1, frame.rowCount());
        assertTrue(frame.categorical("b").isMissing(0), "an absent key is a missing value");
    }

    @Test
    void integersADoubleCannotHoldAreRefusedNotRounded() {
        Frame.RowBuilder builder = Frame.builder(Schema.of(Field.numeric("id")));
        builder.add(9_007_199_254_740_992L); // 2^53 is exact
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> builder.add(9_007_199_254_740_993L));
        assertTrue(e.getMessage().contains("exactly"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> builder.add(Long.MAX_VALUE));
        assertThrows(InvalidInputException.class, () -> builder.add(new java.math.BigInteger("123456789012345678901")));
    }

    @Test
    void selectSliceAndWithColumnShareColumnsInsteadOfCopying() {
        Frame frame = people();
        Frame selected = frame.select("note", "age");
        assertSame(frame.column("age"), selected.column("age"));
        assertEquals(List.of("note", "age"), selected.schema().names());

        Frame slice = frame.slice(1, 3);
        assertEquals(2, slice.rowCount());
        assertTrue(slice.numeric("age").isMissing(0));
        assertEquals("Oslo", slice.categorical("city").value(0));
        assertThrows(IndexOutOfBoundsException.class, () -> slice.numeric("age").value(2));
        assertEquals(1, slice.numeric("age").missingCount());
        assertEquals(slice, frame.take(new int[] {1, 2}), "a slice equals a copy of the same rows");

        Frame extended = frame.withColumn(NumericColumn.of("score", 1, 2, 3, 4));
        assertSame(frame.column("city"), extended.column("city"));
        assertEquals(6, extended.columnCount());
        Frame replaced = frame.withColumn(CategoricalColumn.of("city", "a", "b", "c", "d"));
        assertEquals(1, replaced.schema().indexOf("city"));
        assertEquals("d", replaced.categorical("city").value(3));
    }

    @Test
    void slicesOfSlicesKeepTheirOffsets() {
        NumericColumn.Builder builder = NumericColumn.builder("x");
        for (int i = 0; i < 200; i++) {
            if (i % 7 == 0) {
                builder.addMissing();
            } else {
                builder.add(i);
            }
        }
        NumericColumn column = builder.build();
        NumericColumn inner = column.slice(60, 150).slice(10, 80);
        for (int row = 0; row < inner.size(); row++) {
            int original = 70 + row;
            assertEquals(original % 7 == 0, inner.isMissing(row));
            if (original % 7 != 0) {
                assertEquals(original, inner.value(row));
            }
        }
        long expectedMissing = java.util.stream.IntStream.range(70, 140).filter(i -> i % 7 == 0).count();
        assertEquals(expectedMissing, inner.missingCount());
    }

    @Test
    void withColumnsPlacesFramesSideBySide() {
        Frame left = Frame.of(NumericColumn.of("a", 1, 2));
        Frame right = Frame.of(CategoricalColumn.of("b", "x", "y"));
        Frame both = left.withColumns(right);
        assertEquals(List.of("a", "b"), both.schema().names());
        assertSame(right.column("b"), both.column("b"));
        assertThrows(IllegalArgumentException.class, () -> left.withColumns(left));
        assertThrows(IllegalArgumentException.class,
                () -> left.withColumns(Frame.of(NumericColumn.of("c", 1, 2, 3))));
    }

    @Test
    void concatStacksRowsAndMergesDictionaries() {
        Frame first = people().slice(0, 2);
        Frame second = Frame.builder(PEOPLE).add(7, "Rome", null, null, "x").build();
        Frame all = Frame.concat(first, second, people().slice(2, 4));
        assertEquals(5, all.rowCount());
        assertEquals(List.of("Lyon", "Oslo", "Rome"), all.categorical("city").dictionary());
        assertEquals(Frame.concat(people().slice(0, 2), people().slice(2, 4)), people());
        assertThrows(IllegalArgumentException.class, () -> Frame.concat(first, first.select("age")));
    }

    @Test
    void takeCopiesRowsInAnyOrderWithRepeats() {
        Frame frame = people();
        Frame taken = frame.take(new int[] {3, 3, 0});
        assertEquals(3, taken.rowCount());
        assertEquals(51.5, taken.numeric("age").value(1));
        assertEquals("first", taken.text("note").value(2));
        assertThrows(IndexOutOfBoundsException.class, () -> frame.take(new int[] {4}));
    }

    @Test
    void equalityComparesValuesNotStorage() {
        CategoricalColumn ab = CategoricalColumn.of("c", "a", "b", "a");
        CategoricalColumn reordered = CategoricalColumn.ofCodes(Field.categorical("c"), new int[] {1, 0, 1},
                List.of("b", "a"));
        assertEquals(ab, reordered, "same labels, different dictionary order");
        assertEquals(Frame.of(ab), Frame.of(reordered));
        assertEquals(Frame.of(ab).hashCode(), Frame.of(reordered).hashCode());
        assertEquals(Frame.of(NumericColumn.of("x", Double.NaN)), Frame.of(NumericColumn.of("x", Double.NaN)));
        assertNotEquals(Frame.of(NumericColumn.of("x", 0.0)), Frame.of(NumericColumn.of("x", -0.0)));
        assertNotEquals(Frame.of(NumericColumn.of("x", 1)), Frame.of(NumericColumn.of("x", 1).withField(
                Field.numeric("x").required())), "nullability is part of the schema");
    }

    @Test
    void columnsRefuseMissingValuesInRequiredFields() {
        CategoricalColumn withMissing = CategoricalColumn.of("c", "a", null);
        assertThrows(IllegalArgumentException.class, () -> withMissing.withField(Field.categorical("c").required()));
        assertThrows(IllegalArgumentException.class, () -> withMissing.withField(Field.text("c")));
    }

    @Test
    void ofCodesChecksCodesAndDictionary() {
        Field field = Field.categorical("c");
        assertThrows(IllegalArgumentException.class, () -> CategoricalColumn.ofCodes(field, new int[] {2}, List.of("a")));
        assertThrows(IllegalArgumentException.class, () -> CategoricalColumn.ofCodes(field, new int[] {0},
                List.of("a", "a")));
        assertThrows(UnsupportedOperationException.class, () -> CategoricalColumn.of("c", "a").dictionary().set(0, "b"));
    }

    @Test
    void constructionChecksLengthsAndNames() {
        assertThrows(IllegalArgumentException.class,
                () -> Frame.of(NumericColumn.of("a", 1, 2), NumericColumn.of("b", 1)));
        assertThrows(IllegalArgumentException.class,
                () -> Frame.of(NumericColumn.of("a", 1), NumericColumn.of("a", 2)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> people().numeric("city"));
        assertTrue(e.getMessage().contains("CATEGORICAL"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> people().column("nope"));
        assertTrue(e.getMessage().contains("[age, city, member, joined, note]"), e.getMessage());
    }

    @Test
    void arraysPassedToFactoriesAreCopied() {
        double[] values = {1, 2};
        NumericColumn column = NumericColumn.of("x", values);
        values[0] = 99;
        assertEquals(1.0, column.value(0));
        column.toArray()[1] = 99;
        assertEquals(2.0, column.value(1));
    }

    @Test
    void rowBecomesFeatures() {
        Features row = people().row(1);
        assertTrue(row.isMissing("age"));
        assertEquals("Oslo", row.string("city"));
        assertEquals(false, row.bool("member"));
    }

    @Test
    void emptyFrameKeepsItsSchema() {
        Frame empty = Frame.empty(PEOPLE);
        assertEquals(0, empty.rowCount());
        assertEquals(PEOPLE, empty.schema());
        assertEquals(empty, people().slice(2, 2));
    }

    @Test
    void toStringShowsSchemaAndFirstRows() {
        String text = people().toString();
        assertTrue(text.startsWith("Frame 4 rows x 5 columns"), text);
        assertTrue(text.contains("Lyon"), text);
    }
}
