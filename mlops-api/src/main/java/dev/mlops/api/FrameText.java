package dev.mlops.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A frame as a small text table for a console or JShell: a title line, each column's name and
 * type, the first rows, values aligned and cut to a width, and as many columns as fit a console
 * line (the rest counted).
 */
final class FrameText {

    /** Widest a cell gets before it is cut with "~". */
    private static final int CELL = 16;
    /** Widest a line gets; columns beyond it are counted, not shown. */
    private static final int LINE = 160;

    private FrameText() {
    }

    static String of(Frame frame, int rows) {
        int shownRows = Math.min(rows, frame.rowCount());
        List<List<String>> columns = new ArrayList<>();
        int width = 0;
        int shownColumns = 0;
        for (Column column : frame.columns()) {
            List<String> cells = new ArrayList<>();
            cells.add(cut(clean(column.name())));
            cells.add(column.type().jsonName());
            for (int row = 0; row < shownRows; row++) {
                cells.add(cut(cell(column.get(row))));
            }
            int columnWidth = cells.stream().mapToInt(String::length).max().orElse(0);
            if (shownColumns > 0 && width + 2 + columnWidth > LINE) {
                break;
            }
            width += (shownColumns > 0 ? 2 : 0) + columnWidth;
            columns.add(cells);
            shownColumns++;
        }
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "Frame %,d rows x %d columns%n",
                frame.rowCount(), frame.columnCount()));
        for (int line = 0; line < shownRows + 2; line++) {
            StringBuilder row = new StringBuilder();
            for (int c = 0; c < columns.size(); c++) {
                List<String> cells = columns.get(c);
                int columnWidth = cells.stream().mapToInt(String::length).max().orElse(0);
                String value = cells.get(line);
                boolean numeric = frame.columns().get(c).type() == FieldType.NUMERIC && line >= 2;
                row.append(c == 0 ? "" : "  ").append(numeric ? pad(value, columnWidth, true) : pad(value, columnWidth,
                        false));
            }
            text.append(row.toString().stripTrailing()).append('\n');
        }
        if (frame.rowCount() > shownRows) {
            text.append(String.format(Locale.ROOT, "... %,d more rows%n", frame.rowCount() - shownRows));
        }
        if (shownColumns < frame.columnCount()) {
            List<String> hidden = frame.schema().names().subList(shownColumns, frame.columnCount());
            text.append(String.format(Locale.ROOT, "... %d more columns: %s%s%n", hidden.size(),
                    String.join(", ", hidden.stream().limit(10).map(name -> cut(clean(name))).toList()),
                    hidden.size() > 10 ? ", ..." : ""));
        }
        return text.toString();
    }

    /** A value as a cell: whole numbers without ".0", others to 6 significant digits, missing as "?". */
    private static String cell(Object value) {
        if (value == null) {
            return "?";
        }
        if (value instanceof Double d) {
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString(d.longValue());
            }
            return String.format(Locale.ROOT, "%.6g", d).replaceAll("(\\.\\d*?)0+(e|$)", "$1$2").replace(".e", "e")
                    .replaceAll("\\.$", "");
        }
        return clean(String.valueOf(value));
    }

    /** {@code text} with every control character (a newline, a carriage return, an escape) shown as '?'. */
    static String clean(String text) {
        StringBuilder cleaned = null;
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                if (cleaned == null) {
                    cleaned = new StringBuilder(text);
                }
                cleaned.setCharAt(i, '?');
            }
        }
        return cleaned == null ? text : cleaned.toString();
    }

    /** {@code text} cut to {@code max} characters with "~", never between the halves of a surrogate pair. */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 2)) ? max - 2 : max - 1;
        return text.substring(0, end) + "~";
    }

    private static String cut(String text) {
        return cut(text, CELL);
    }

    private static String pad(String text, int width, boolean right) {
        String spaces = " ".repeat(Math.max(0, width - text.length()));
        return right ? spaces + text : text + spaces;
    }
}
