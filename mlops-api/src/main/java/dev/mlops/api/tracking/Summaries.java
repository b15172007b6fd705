package dev.mlops.api.tracking;

import java.util.List;
import java.util.Locale;

/** The lines of a record's short text summary: a label, then at most eight items and a count of the rest. */
final class Summaries {

    private static final int SHOWN = 8;

    private Summaries() {
    }

    static void line(StringBuilder text, String label, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        String shown = String.join(", ", items.subList(0, Math.min(SHOWN, items.size())).stream()
                .map(item -> shortened(item, 100)).toList());
        shown = shortened(shown, 200);
        text.append(String.format(Locale.ROOT, "  %-10s%s%s%n", label, shown,
                items.size() > SHOWN ? " (+" + (items.size() - SHOWN) + " more)" : ""));
    }

    /** {@code text} on one line (control characters as '?'), cut to {@code max} with "~", never inside a surrogate pair. */
    static String shortened(String text, int max) {
        StringBuilder cleaned = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            cleaned.append(Character.isISOControl(c) ? '?' : c);
        }
        if (cleaned.length() <= max) {
            return cleaned.toString();
        }
        int end = Character.isHighSurrogate(cleaned.charAt(max - 2)) ? max - 2 : max - 1;
        return cleaned.substring(0, end) + "~";
    }

    static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.4f", value);
    }
}
