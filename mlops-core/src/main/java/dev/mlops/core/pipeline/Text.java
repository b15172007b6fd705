package dev.mlops.core.pipeline;

/** Text cut for a store's limits without splitting a character outside the Basic Multilingual Plane. */
final class Text {

    private Text() {
    }

    /** {@code text}, or its first {@code max} characters (one fewer when that would split a surrogate pair) and "...". */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end) + "...";
    }
}
