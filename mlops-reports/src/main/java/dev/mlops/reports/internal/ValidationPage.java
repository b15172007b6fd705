package dev.mlops.reports.internal;

import dev.mlops.core.check.CheckResult;
import dev.mlops.core.check.Severity;
import dev.mlops.core.check.ValidationReport;
import dev.mlops.reports.internal.Page.Cell;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A validation report as a page: the verdict, then each check with its severity, observation and failing rows. */
public final class ValidationPage {

    private ValidationPage() {
    }

    public static String html(String title, ValidationReport report) {
        long failedErrors = report.results().stream().filter(r -> !r.passed() && r.severity() == Severity.ERROR)
                .count();
        long failedWarnings = report.results().stream().filter(r -> !r.passed() && r.severity() == Severity.WARNING)
                .count();
        Page page = new Page(title, report.results().size() + " checks");
        page.section("verdict", "Verdict");
        page.verdict(!report.hasErrors(), report.hasErrors()
                ? failedErrors + " error check(s) failed: the data is not fit for use"
                : failedWarnings == 0 ? "every check passed" : "no error check failed; " + failedWarnings
                + " warning(s)");
        page.end();
        page.section("checks", "Checks");
        List<List<Cell>> rows = new ArrayList<>();
        for (CheckResult result : report.results()) {
            String css = result.passed() ? "ok" : result.severity() == Severity.ERROR ? "bad" : "warn";
            rows.add(List.of(Cell.text(result.check()), Cell.text(result.severity().name().toLowerCase(
                    java.util.Locale.ROOT)), Cell.status(result.passed() ? "passed" : "failed", css),
                    Cell.text(result.observed()), Cell.count(result.failingRows()),
                    Cell.text(result.exampleRows().stream().map(String::valueOf).collect(Collectors.joining(", ")))));
        }
        page.table("check-results", List.of("check", "severity", "result", "observed", "failing rows",
                "example rows"), rows);
        page.note("Example rows are 0-based row indexes of the validated frame.");
        page.end();
        return page.html();
    }
}
