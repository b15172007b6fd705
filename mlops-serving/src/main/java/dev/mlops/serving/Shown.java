package dev.mlops.serving;

/**
 * A value from a request as error messages show it: at most 80 characters, control characters and
 * unpaired surrogates escaped, so a hostile or huge value can neither flood a log nor forge lines in it.
 */
final class Shown {

    private static final int LIMIT = 80;

    private Shown() {
    }

    static String of(Object value) {
        String text = String.valueOf(value);
        StringBuilder shown = new StringBuilder(Math.min(text.length(), LIMIT) + 24);
        int shownChars = 0;
        for (int i = 0; i < text.length() && shownChars < LIMIT; i++, shownChars++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                shown.append(c).append(text.charAt(++i));
            } else if (Character.isISOControl(c) || Character.isSurrogate(c)) {
                shown.append(String.format("\\u%04x", (int) c));
            } else {
                shown.append(c);
            }
        }
        if (text.length() > LIMIT) {
            shown.append("... (").append(text.length()).append(" chars)");
        }
        return shown.toString();
    }
}
