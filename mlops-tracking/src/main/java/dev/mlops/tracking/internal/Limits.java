package dev.mlops.tracking.internal;

import dev.mlops.api.InvalidInputException;
import dev.mlops.api.tracking.Run;
import java.util.List;

/** The documented limits on keys and values, checked before anything is written. */
public final class Limits {

    private Limits() {
    }

    /** A param or tag key, or a metric name: 1 to 250 characters, no control characters. */
    public static String key(String kind, String key) {
        if (key == null || key.isEmpty()) {
            throw invalid(kind, "must not be empty");
        }
        if (key.length() > Run.MAX_KEY_LENGTH) {
            throw invalid(kind, "has " + key.length() + " characters; at most " + Run.MAX_KEY_LENGTH + " are allowed");
        }
        for (int i = 0; i < key.length(); i++) {
            if (Character.isISOControl(key.charAt(i))) {
                throw invalid(kind, "'" + key.replaceAll("\\p{Cntrl}", "?") + "' holds a control character at index " + i);
            }
        }
        if (!key.equals(key.strip())) {
            throw invalid(kind, "'" + key + "' starts or ends with white space");
        }
        return key;
    }

    /** A value of at most {@code max} characters. */
    public static String value(String kind, String key, String value, int max) {
        if (value == null) {
            throw invalid(kind + " '" + key + "'", "must not be null");
        }
        if (value.length() > max) {
            throw invalid(kind + " '" + key + "'", "has " + value.length() + " characters; at most " + max
                    + " are allowed");
        }
        return value;
    }

    private static InvalidInputException invalid(String field, String reason) {
        return new InvalidInputException(field, List.of(new InvalidInputException.Problem(field, reason)));
    }
}
