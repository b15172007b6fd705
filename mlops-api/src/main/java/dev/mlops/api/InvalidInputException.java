package dev.mlops.api;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * An input (a prediction request, a row, a set of options) with one or more problems. Lists every
 * problem found, not just the first, so a caller can fix them all at once.
 *
 * @since 0.1
 */
public class InvalidInputException extends MlopsException {

    /**
     * One problem with one part of the input.
     *
     * @param field  the name of the part (a feature, an option), never null
     * @param reason what is wrong with it, never null
     */
    public record Problem(String field, String reason) {
        public Problem {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String toString() {
            return "'" + field + "': " + reason;
        }
    }

    private final List<Problem> problems;

    /**
     * @param what     a short description of the input, for example "prediction request"
     * @param problems at least one problem
     * @throws IllegalArgumentException if {@code problems} is empty
     */
    public InvalidInputException(String what, List<Problem> problems) {
        super(message(what, problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, in the order found; never empty. */
    public List<Problem> problems() {
        return problems;
    }

    private static String message(String what, List<Problem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an InvalidInputException needs at least one problem");
        }
        return "invalid " + what + " (" + problems.size() + (problems.size() == 1 ? " problem): " : " problems): ")
                + problems.stream().map(Problem::toString).collect(Collectors.joining("; "));
    }
}
