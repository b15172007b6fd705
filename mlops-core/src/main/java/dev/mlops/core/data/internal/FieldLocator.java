package dev.mlops.core.data.internal;

/**
 * Finds where the end of a stretch of CSV text falls: on which line, in which record and field.
 * The text must start at the start of a record. Used only to place an error that stops the parser
 * mid-record, so it follows the parser's rules (quotes doubled inside quoted fields, line breaks
 * inside quotes belong to the field, comment lines, LF, CR and CRLF each one line break) without
 * building fields.
 *
 * @param delimiter     the field separator
 * @param quote         the quote character
 * @param commentMarker the comment marker, or null
 * @param trim          whether spaces before an opening quote are skipped
 */
public record FieldLocator(String delimiter, char quote, Character commentMarker, boolean trim) {

    /**
     * Where the end of {@code text} falls.
     *
     * @param lineBreaks       line breaks in the text: the end is that many lines below the text's first line
     * @param recordLineBreaks line breaks before the start of the record the end falls in
     * @param field            0-based index of the field the end falls in; -1 in a comment line
     * @param fieldStart       the index in the text where that field (or comment) starts
     * @param recordsBefore    records with content (not blank, not comments) that end before it
     * @param firstRecordEnd   the index just past the line break of the first of those, or -1
     */
    public record Location(int lineBreaks, int recordLineBreaks, int field, int fieldStart, int recordsBefore,
            int firstRecordEnd) {
    }

    /** Where the end of {@code text}, which starts at the start of a record, falls. */
    public Location locate(String text) {
        int lineBreaks = 0;
        int recordLineBreaks = 0;
        int field = 0;
        int fieldStart = 0;
        boolean quoted = false;
        boolean afterQuote = false;
        boolean comment = commentMarker != null && text.length() > 0 && text.charAt(0) == commentMarker;
        boolean content = false;
        int recordsBefore = 0;
        int firstRecordEnd = -1;
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n') {
                boolean crlf = c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n';
                i += crlf ? 2 : 1;
                lineBreaks++;
                if (!quoted) {
                    if (content && !comment && recordsBefore++ == 0) {
                        firstRecordEnd = i;
                    }
                    content = false;
                    recordLineBreaks = lineBreaks;
                    field = 0;
                    fieldStart = i;
                    afterQuote = false;
                    comment = commentMarker != null && i < n && text.charAt(i) == commentMarker;
                }
                continue;
            }
            content = true;
            if (comment) {
                i++;
            } else if (quoted) {
                if (c == quote && i + 1 < n && text.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    quoted = c != quote;
                    afterQuote = !quoted;
                    i++;
                }
            } else if (text.startsWith(delimiter, i)) {
                i += delimiter.length();
                field++;
                fieldStart = i;
                afterQuote = false;
            } else {
                if (c == quote && !afterQuote && onlySpacesBefore(text, fieldStart, i)) {
                    quoted = true;
                }
                i++;
            }
        }
        return new Location(lineBreaks, recordLineBreaks, comment ? -1 : field, fieldStart, recordsBefore,
                firstRecordEnd);
    }

    private boolean onlySpacesBefore(String text, int from, int to) {
        if (from == to) {
            return true;
        }
        if (!trim) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (text.charAt(i) != ' ' && text.charAt(i) != '\t') {
                return false;
            }
        }
        return true;
    }
}
