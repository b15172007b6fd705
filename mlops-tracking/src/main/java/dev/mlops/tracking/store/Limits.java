package dev.mlops.tracking.store;

import dev.mlops.api.InvalidInputException;
import dev.mlops.api.tracking.ReviewQueue;
import dev.mlops.api.tracking.Run;
import java.util.List;

/**
 * The documented limits on keys and values, checked before anything is written. Every key and
 * value must also be well-formed UTF-16 (no lone surrogate): the store writes UTF-8, which cannot
 * encode a lone surrogate, so such text would be stored changed ({@code ?}) or not readable back.
 * Nor may text hold U+0000 (NUL), which PostgreSQL's text cannot store: every store refuses it, so
 * what one store accepts another can hold.
 */
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
        requireWellFormed(kind, key);
        if (!key.equals(key.strip())) {
            throw invalid(kind, "'" + key + "' starts or ends with white space");
        }
        return key;
    }

    /** A value of at most {@code max} characters. */
    public static String value(String kind, String key, String value, int max) {
        String field = kind + " '" + printable(key) + "'";
        if (value == null) {
            throw invalid(field, "must not be null");
        }
        if (value.length() > max) {
            throw invalid(field, "has " + value.length() + " characters; at most " + max + " are allowed");
        }
        requireWellFormed(field, value);
        return value;
    }

    /** The index of the first U+0000 in {@code text}, or -1. */
    public static int nul(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\0') {
                return i;
            }
        }
        return -1;
    }

    /** Any other text a user gives (a name, a reason, an actor): well-formed UTF-16. */
    public static String text(String kind, String text) {
        if (text != null) {
            requireWellFormed(kind, text);
        }
        return text;
    }

    /** The index of the first lone surrogate in {@code text}, or -1 when it is well-formed UTF-16. */
    public static int loneSurrogate(CharSequence text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            } else if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * {@code text} with every lone surrogate and NUL replaced by U+FFFD: for text the store records but the
     * user did not choose as a key (an exception's stack trace, the environment), which must not be
     * refused and must stay readable.
     */
    public static String repaired(String text) {
        if (text == null || loneSurrogate(text) < 0 && nul(text) < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else {
                out.append(Character.isSurrogate(c) || c == '\0' ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }

    private static void requireWellFormed(String kind, String text) {
        int nul = nul(text);
        if (nul >= 0) {
            throw invalid(kind, "'" + printable(text) + "' holds a NUL character (U+0000) at index " + nul
                    + ", which not every store can hold (PostgreSQL's text cannot)");
        }
        int at = loneSurrogate(text);
        if (at >= 0) {
            throw invalid(kind, "'" + printable(text) + "' holds a lone UTF-16 surrogate (\\u"
                    + Integer.toHexString(text.charAt(at)) + ") at index " + at + ": it is not valid Unicode text");
        }
    }

    /** Text for an error message: lone surrogates and control characters shown as escapes, at most 80 chars. */
    public static String printable(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        for (; i < text.length() && i < 80; i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c) ? i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))
                    : Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
            if (Character.isISOControl(c) || Character.isSurrogate(c) && !paired) {
                out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return i < text.length() ? out + "..." : out.toString();
    }

    /**
     * Refuses a review item that takes more than {@link ReviewQueue#MAX_ITEM_BYTES} as stored.
     *
     * @param json the item as the store writes it
     */
    public static void reviewItem(String id, byte[] json) {
        if (json.length > ReviewQueue.MAX_ITEM_BYTES) {
            throw invalid("review item '" + printable(id) + "'", "takes " + json.length + " bytes as stored; at most "
                    + ReviewQueue.MAX_ITEM_BYTES + " are allowed");
        }
    }

    /**
     * Refuses a review that adds more than {@link ReviewQueue#MAX_REVIEW_BYTES} to its item as stored.
     *
     * @param itemJson     the item as the store writes it
     * @param reviewedJson the reviewed item (item, label, reason, reviewer) as the store writes it
     */
    public static void review(String id, byte[] itemJson, byte[] reviewedJson) {
        int added = reviewedJson.length - itemJson.length;
        if (added > ReviewQueue.MAX_REVIEW_BYTES) {
            throw invalid("review of item '" + printable(id) + "'", "adds " + added
                    + " bytes to the item as stored (label, reason and reviewer); at most "
                    + ReviewQueue.MAX_REVIEW_BYTES + " are allowed");
        }
    }

    private static InvalidInputException invalid(String field, String reason) {
        return new InvalidInputException(field, List.of(new InvalidInputException.Problem(field, reason)));
    }
}
