package dev.mlops.core.check;

import dev.mlops.api.InvalidInputException;
import java.util.List;

/**
 * Every check's result. Failed {@link Severity#ERROR} checks make the data unfit for use
 * ({@link #throwIfErrors()}); failed warnings are recorded.
 *
 * @param results one per check, in the order run
 * @since 0.1
 */
public record ValidationReport(List<CheckResult> results) {

    public ValidationReport {
        results = List.copyOf(results);
    }

    /** The failed error checks. */
    public List<CheckResult> errors() {
        return results.stream().filter(r -> !r.passed() && r.severity() == Severity.ERROR).toList();
    }

    /** The failed warning checks. */
    public List<CheckResult> warnings() {
        return results.stream().filter(r -> !r.passed() && r.severity() == Severity.WARNING).toList();
    }

    /** Whether any error check failed. */
    public boolean hasErrors() {
        return !errors().isEmpty();
    }

    /**
     * Throws when an error check failed, listing every failed error check.
     *
     * @throws InvalidInputException naming each failed check and what was observed
     */
    public void throwIfErrors() {
        List<CheckResult> errors = errors();
        if (!errors.isEmpty()) {
            throw new InvalidInputException("data", errors.stream().map(r -> new InvalidInputException.Problem(
                    r.check(), "observed " + r.observed() + (r.exampleRows().isEmpty() ? ""
                            : ", e.g. rows " + r.exampleRows()))).toList());
        }
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(String.format(java.util.Locale.ROOT,
                "validation: %d checks, %d errors, %d warnings%n", results.size(), errors().size(), warnings().size()));
        results.forEach(r -> text.append("  ").append(r).append(System.lineSeparator()));
        return text.toString();
    }
}
