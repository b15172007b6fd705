package dev.mlops.core.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.InvalidInputException;
import dev.mlops.api.NumericColumn;
import dev.mlops.core.profile.DataProfile;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChecksTest {

    private static final Frame PEOPLE = Frame.of(
            NumericColumn.builder("age").add(34).add(-1).add(51).addMissing().add(200).add(Double.NaN).build(),
            CategoricalColumn.of("sex", "M", "F", "X", "F", null, "M"),
            CategoricalColumn.of("id", "a1", "a2", "a3", "a3", "b5", "zz"));

    @Test
    void rowChecksCountFailingRowsAndNameExamples() {
        CheckResult range = Checks.range("age", 0, 120).run(PEOPLE);
        assertFalse(range.passed());
        assertEquals(3, range.failingRows(), "-1, 200 and NaN fail; the missing value is not judged here");
        assertEquals(List.of(1, 4, 5), range.exampleRows());
        CheckResult allowed = Checks.allowed("sex", Set.of("M", "F")).run(PEOPLE);
        assertEquals(List.of(2), allowed.exampleRows());
        CheckResult pattern = Checks.pattern("id", "[a-z]\\d").run(PEOPLE);
        assertEquals(List.of(5), pattern.exampleRows());
        CheckResult unique = Checks.unique("id").run(PEOPLE);
        assertEquals(List.of(2, 3), unique.exampleRows(), "both rows of a duplicate are named");
        assertTrue(Checks.unique("id", "age").run(PEOPLE).passed());
        CheckResult complete = Checks.complete("sex").run(PEOPLE);
        assertEquals(List.of(4), complete.exampleRows());
    }

    @Test
    void frameChecksReportWhatTheyObserved() {
        CheckResult completeness = Checks.completeness("sex", 0.9).run(PEOPLE);
        assertFalse(completeness.passed());
        assertEquals("0.8333", completeness.observed());
        assertTrue(Checks.completeness("sex", 0.8).run(PEOPLE).passed());
        assertTrue(Checks.rowCount(6, 6).run(PEOPLE).passed());
        assertFalse(Checks.rowCount(7, 100).run(PEOPLE).passed());
        // finite ages 34, -1, 51, 200: mean 71
        CheckResult mean = Checks.mean("age", 70, 72).run(PEOPLE);
        assertTrue(mean.passed(), mean.toString());
        assertEquals("71.0000", mean.observed());
        assertTrue(Checks.hasColumn("age", FieldType.NUMERIC).run(PEOPLE).passed());
        assertEquals("CATEGORICAL", Checks.hasColumn("sex", FieldType.NUMERIC).run(PEOPLE).observed());
    }

    @Test
    void absentColumnsWrongTypesAndThrowingPredicatesFailInsteadOfThrowing() {
        assertEquals("no column 'weight'", Checks.range("weight", 0, 1).run(PEOPLE).observed());
        assertFalse(Checks.range("sex", 0, 1).run(PEOPLE).passed());
        CheckResult threw = Checks.predicate("age below 150", row -> row.number("age") < 150).run(PEOPLE);
        assertFalse(threw.passed());
        assertTrue(threw.observed().contains("threw"), threw.observed());
        assertTrue(Checks.predicate("ids are short", row -> row.string("id").length() == 2).run(PEOPLE).passed());
    }

    @Test
    void aReportSeparatesErrorsFromWarningsAndThrowsWithEveryError() {
        ValidationReport report = Checks.run(PEOPLE,
                Checks.range("age", 0, 120),
                Checks.allowed("sex", Set.of("M", "F")).withSeverity(Severity.WARNING),
                Checks.unique("id"),
                Checks.rowCount(1, 10));
        assertEquals(2, report.errors().size());
        assertEquals(1, report.warnings().size());
        assertTrue(report.hasErrors());
        InvalidInputException e = assertThrows(InvalidInputException.class, report::throwIfErrors);
        assertEquals(2, e.problems().size());
        assertTrue(e.getMessage().contains("rows [1, 4, 5]"), e.getMessage());
        Checks.run(PEOPLE, Checks.rowCount(1, 10), Checks.allowed("sex", Set.of()).withSeverity(Severity.WARNING))
                .throwIfErrors();
    }

    @Test
    void badCheckSettingsAreRefusedWhenMade() {
        assertThrows(IllegalArgumentException.class, () -> Checks.range("x", 2, 1));
        assertThrows(IllegalArgumentException.class, () -> Checks.completeness("x", 1.5));
        assertThrows(IllegalArgumentException.class, () -> Checks.rowCount(5, 1));
        assertThrows(IllegalArgumentException.class, () -> Checks.unique());
        assertThrows(java.util.regex.PatternSyntaxException.class, () -> Checks.pattern("x", "("));
    }

    @Test
    void suggestionsFollowDeequsRulesAndPassOnTheirOwnData() {
        Frame frame = Frame.of(
                NumericColumn.builder("n").add(1).add(2).add(3).addMissing().build(),
                CategoricalColumn.of("c", "a", "b", "a", "b"),
                CategoricalColumn.of("key", "k1", "k2", "k3", "k4"));
        List<Check> suggested = Suggestions.from(DataProfile.of(frame));
        List<String> descriptions = suggested.stream().map(Check::description).toList();
        // completeness 0.75 of 4 rows: 0.75 - 1.96 sqrt(0.75 * 0.25 / 4) = 0.325648...
        assertTrue(descriptions.contains("'n' is at least 0.3256 complete"), descriptions.toString());
        assertTrue(descriptions.contains("'n' in [0.0, Infinity]"), descriptions.toString());
        assertTrue(descriptions.contains("'c' in [a, b]"), descriptions.toString());
        assertTrue(descriptions.contains("'c' has no missing values"), descriptions.toString());
        assertTrue(descriptions.contains("[key] unique"), descriptions.toString());
        assertFalse(Checks.run(frame, suggested).hasErrors(), "today's data satisfies today's contract");
        Frame tomorrow = Frame.of(NumericColumn.of("n", -5, 1, 2, 3), CategoricalColumn.of("c", "a", "z", "a", "b"),
                CategoricalColumn.of("key", "k1", "k1", "k3", "k4"));
        assertEquals(3, Checks.run(tomorrow, suggested).errors().size());
    }
}
