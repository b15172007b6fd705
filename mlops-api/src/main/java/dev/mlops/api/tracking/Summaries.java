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
        String shown = String.join(", ", items.subList(0, Math.min(SHOWN, items.size())));
        if (shown.length() > 200) {
            shown = shown.substring(0, 199) + "~";
        }
        text.append(String.format(Locale.ROOT, "  %-10s%s%s%n", label, shown,
                items.size() > SHOWN ? " (+" + (items.size() - SHOWN) + " more)" : ""));
    }

    static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.4f", value);
    }
}
