package dev.mlops.core.data.internal;

import java.util.Set;

/**
 * Decides which cells are missing values. The parser hands an unquoted empty field over as
 * {@code null} and a quoted one as {@code ""}: the empty token only ever matches the unquoted form,
 * so {@code ""} in a file stays an empty string. Other tokens match the field's text whether quoted
 * or not.
 */
public final class MissingTokens {

    private final boolean emptyIsMissing;
    private final String[] others;

    public MissingTokens(Set<String> tokens) {
        this.emptyIsMissing = tokens.contains("");
        this.others = tokens.stream().filter(t -> !t.isEmpty()).toArray(String[]::new);
    }

    /** Whether the parsed field {@code raw} ({@code null} for unquoted empty) is a missing value. */
    public boolean isMissing(String raw) {
        if (raw == null) {
            return emptyIsMissing;
        }
        for (String token : others) {
            if (token.length() == raw.length() && token.equals(raw)) {
                return true;
            }
        }
        return false;
    }

    /** The text of a field that is not missing. */
    public static String text(String raw) {
        return raw == null ? "" : raw;
    }
}
