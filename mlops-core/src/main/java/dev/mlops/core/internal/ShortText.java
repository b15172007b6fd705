package dev.mlops.core.internal;

/** Text shortened for a store's limits or a one-line display, never between the halves of a surrogate pair. */
public final class ShortText {

    private ShortText() {
    }

    /** {@code text}, or its start cut to at most {@code max} characters, the last one "~". */
    public static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        if (max < 2) {
            return "~";
        }
        int end = Character.isHighSurrogate(text.charAt(max - 2)) ? max - 2 : max - 1;
        return text.substring(0, end) + "~";
    }

    /** {@code text} on one line, every control character shown as '?', then {@link #cut}. */
    public static String line(String text, int max) {
        StringBuilder cleaned = new StringBuilder(text.length());
        text.chars().forEach(c -> cleaned.append(Character.isISOControl(c) ? '?' : (char) c));
        return cut(cleaned.toString(), max);
    }
}
