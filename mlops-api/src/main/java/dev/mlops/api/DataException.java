package dev.mlops.api;

import java.util.Optional;

/**
 * Data that cannot be read as what it claims or is declared to be: a value that is not a number
 * in a numeric column, a ragged row, an unclosed quote, an empty file. Says where: the source
 * (a file name or a caller-given label), the 1-based line, the column and the raw value, each
 * when known, and the reason.
 *
 * @since 0.1
 */
public class DataException extends MlopsException {

    /** Raw values longer than this are shortened in messages and in {@link #rawValue()}. */
    public static final int MAX_RAW_VALUE_LENGTH = 200;

    private final String source;
    private final long line;
    private final String column;
    private final String rawValue;
    private final String reason;

    /**
     * @param source   where the data came from, for example a file name; never null
     * @param line     1-based line where the bad record starts, or 0 when unknown
     * @param column   the column's name, or null when the problem is not in one column
     * @param rawValue the offending text as read, or null when there is none
     * @param reason   what is wrong and what was expected; never null
     * @param cause    the underlying exception, or null
     */
    public DataException(String source, long line, String column, String rawValue, String reason, Throwable cause) {
        super(format(source, line, column, shorten(rawValue), reason), cause);
        this.source = source;
        this.line = line;
        this.column = column;
        this.rawValue = shorten(rawValue);
        this.reason = reason;
    }

    public DataException(String source, long line, String column, String rawValue, String reason) {
        this(source, line, column, rawValue, reason, null);
    }

    /** Where the data came from: a file name or a label the caller gave. */
    public String source() {
        return source;
    }

    /** The 1-based line where the offending record starts, or 0 when unknown. */
    public long line() {
        return line;
    }

    /** The column the problem is in, when it is in one. */
    public Optional<String> column() {
        return Optional.ofNullable(column);
    }

    /** The offending text (shortened past {@value #MAX_RAW_VALUE_LENGTH} characters), when there is one. */
    public Optional<String> rawValue() {
        return Optional.ofNullable(rawValue);
    }

    /** What is wrong and what was expected, without the location. */
    public String reason() {
        return reason;
    }

    private static String shorten(String raw) {
        if (raw == null || raw.length() <= MAX_RAW_VALUE_LENGTH) {
            return raw;
        }
        return raw.substring(0, MAX_RAW_VALUE_LENGTH) + "...(" + raw.length() + " chars)";
    }

    private static String format(String source, long line, String column, String raw, String reason) {
        StringBuilder text = new StringBuilder(String.valueOf(source));
        if (line > 0) {
            text.append(", line ").append(line);
        }
        if (column != null) {
            text.append(", column '").append(column).append('\'');
        }
        if (raw != null) {
            text.append(", value '").append(raw).append('\'');
        }
        return text.append(": ").append(reason).toString();
    }
}
