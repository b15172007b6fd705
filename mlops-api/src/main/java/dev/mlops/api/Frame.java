package dev.mlops.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable table of named, typed columns of equal length. Numeric columns are primitive
 * {@code double[]} with an explicit missing mask, categorical columns are dictionary-encoded, and
 * so on per {@link FieldType}.
 *
 * <p>Operations that keep values as they are share storage: {@link #select}, {@link #drop},
 * {@link #slice}, {@link #withColumn} and {@link #withColumns} copy no cell. {@link #take} and
 * {@link #concat} copy, because they produce new sequences of values.
 *
 * <p>Two frames are equal when their schemas are equal and every cell holds the same value
 * (NaN equals NaN; categorical labels are compared, not codes). {@link #fingerprint()} identifies
 * the content independently of nullability flags.
 *
 * <pre>{@code
 * Frame people = Frame.builder(Schema.of(Field.numeric("age"), Field.categorical("city")))
 *     .add(34, "Lyon")
 *     .add(null, "Oslo")      // null is a missing value
 *     .build();
 * }</pre>
 *
 * @since 0.1
 */
public final class Frame {

    private static final int PREVIEW_ROWS = 10;

    private final Schema schema;
    private final List<Column> columns;
    private final int rowCount;
    private volatile DatasetFingerprint fingerprint;

    private Frame(List<Column> columns, int rowCount) {
        this.columns = List.copyOf(columns);
        this.schema = Schema.of(this.columns.stream().map(Column::field).toList());
        this.rowCount = rowCount;
        for (Column column : this.columns) {
            if (column.size() != rowCount) {
                throw new IllegalArgumentException("column '" + column.name() + "' has " + column.size()
                        + " rows but the frame has " + rowCount);
            }
        }
    }

    /**
     * A frame of the given columns, in order.
     *
     * @throws IllegalArgumentException if two columns share a name or their lengths differ
     */
    public static Frame of(Column... columns) {
        return of(Arrays.asList(columns));
    }

    /**
     * A frame of the given columns, in order.
     *
     * @throws IllegalArgumentException if two columns share a name or their lengths differ
     */
    public static Frame of(List<? extends Column> columns) {
        return new Frame(List.copyOf(columns), columns.isEmpty() ? 0 : columns.get(0).size());
    }

    /** A frame with the given schema and no rows. */
    public static Frame empty(Schema schema) {
        return builder(schema).build();
    }

    /** A builder that appends rows of the given schema, checking each value against its field. */
    public static RowBuilder builder(Schema schema) {
        return new RowBuilder(schema);
    }

    /**
     * A frame with one column per record component, in declaration order. Numbers become numeric,
     * strings, characters and enums categorical, booleans boolean, and {@code java.time} values (and
     * {@link java.util.Date}) timestamps; local dates and times are taken as UTC. Every field is
     * nullable; {@code null} components are missing values.
     *
     * @param type the record class, needed to know the columns when {@code rows} is empty
     * @throws IllegalArgumentException if a component has a type with no column type (a list, say), or
     *         its accessor cannot be called or throws
     * @throws InvalidInputException    if a value cannot be held exactly (a {@code long} a double cannot
     *         hold)
     */
    public static <R extends Record> Frame fromRecords(Class<R> type, Collection<? extends R> rows) {
        return RecordRows.toFrame(type, rows);
    }

    /**
     * A frame from maps of column name to value, with the schema inferred from the values: the
     * columns are the keys in first-seen order, typed by their first non-null value as in
     * {@link #fromRecords}; a column that is null throughout is categorical. A key absent from a
     * map is a missing value there.
     *
     * @throws IllegalArgumentException if a value has no exact normalized form (an unsupported type, or
     *         an integer a double cannot hold)
     * @throws InvalidInputException    listing every value of a row whose type contradicts its column
     */
    public static Frame fromMaps(Collection<? extends Map<String, ?>> rows) {
        Map<String, FieldType> types = new LinkedHashMap<>();
        for (Map<String, ?> row : rows) {
            for (Map.Entry<String, ?> entry : row.entrySet()) {
                Object value = Values.normalize(entry.getValue());
                FieldType seen = types.get(entry.getKey());
                if (seen == null && value != null) {
                    types.put(entry.getKey(), Values.typeOf(value));
                } else if (!types.containsKey(entry.getKey())) {
                    types.put(entry.getKey(), null);
                }
            }
        }
        List<Field> fields = new ArrayList<>(types.size());
        types.forEach((name, type) -> fields.add(Field.of(name, type == null ? FieldType.CATEGORICAL : type)));
        return fromMaps(Schema.of(fields), rows);
    }

    /**
     * A frame of the given schema from maps of column name to value; a key absent from a map is a
     * missing value there.
     *
     * @throws InvalidInputException listing every problem of the first row that has one, including unknown keys
     */
    public static Frame fromMaps(Schema schema, Collection<? extends Map<String, ?>> rows) {
        RowBuilder builder = builder(schema);
        for (Map<String, ?> row : rows) {
            builder.add(row);
        }
        return builder.build();
    }

    /**
     * The rows of all frames, in order, in new arrays. The frames must have the same column names
     * and types in the same order; a column is nullable in the result if it is in any input.
     *
     * @throws IllegalArgumentException if the schemas differ in names or types, or there is no frame
     */
    public static Frame concat(List<Frame> frames) {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("concat needs at least one frame");
        }
        Frame first = frames.get(0);
        long total = 0;
        for (Frame frame : frames) {
            if (!sameNamesAndTypes(first.schema, frame.schema)) {
                throw new IllegalArgumentException("cannot concatenate frames with different columns: "
                        + first.schema + " and " + frame.schema);
            }
            total += frame.rowCount;
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("concatenated frame would have " + total + " rows, more than "
                    + Integer.MAX_VALUE);
        }
        List<Column> merged = new ArrayList<>(first.columnCount());
        for (int i = 0; i < first.columnCount(); i++) {
            final int index = i;
            merged.add(ColumnConcat.concat(frames.stream().map(f -> f.columns.get(index)).toList(), (int) total));
        }
        return new Frame(merged, (int) total);
    }

    /**
     * {@link #concat(List)} of the given frames.
     *
     * @throws IllegalArgumentException if the schemas differ in names or types, or there is no frame
     */
    public static Frame concat(Frame... frames) {
        return concat(Arrays.asList(frames));
    }

    public Schema schema() {
        return schema;
    }

    public int rowCount() {
        return rowCount;
    }

    public int columnCount() {
        return columns.size();
    }

    /** The columns, in order; unmodifiable. */
    public List<Column> columns() {
        return columns;
    }

    /** The column at {@code index}. */
    public Column column(int index) {
        return columns.get(index);
    }

    /**
     * The column called {@code name}.
     *
     * @throws IllegalArgumentException naming the frame's columns, if there is none
     */
    public Column column(String name) {
        int index = schema.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("no column '" + name + "'; columns are " + schema.names());
        }
        return columns.get(index);
    }

    /**
     * The numeric column called {@code name}.
     *
     * @throws IllegalArgumentException if there is no such column, or it is of another type
     */
    public NumericColumn numeric(String name) {
        return typed(name, NumericColumn.class, FieldType.NUMERIC);
    }

    /**
     * The categorical column called {@code name}.
     *
     * @throws IllegalArgumentException if there is no such column, or it is of another type
     */
    public CategoricalColumn categorical(String name) {
        return typed(name, CategoricalColumn.class, FieldType.CATEGORICAL);
    }

    /**
     * The boolean column called {@code name}.
     *
     * @throws IllegalArgumentException if there is no such column, or it is of another type
     */
    public BooleanColumn bool(String name) {
        return typed(name, BooleanColumn.class, FieldType.BOOLEAN);
    }

    /**
     * The timestamp column called {@code name}.
     *
     * @throws IllegalArgumentException if there is no such column, or it is of another type
     */
    public TimestampColumn timestamp(String name) {
        return typed(name, TimestampColumn.class, FieldType.TIMESTAMP);
    }

    /**
     * The text column called {@code name}.
     *
     * @throws IllegalArgumentException if there is no such column, or it is of another type
     */
    public TextColumn text(String name) {
        return typed(name, TextColumn.class, FieldType.TEXT);
    }

    /**
     * The named columns, in the order given, sharing storage.
     *
     * @throws IllegalArgumentException if a name is not a column, or is given twice
     */
    public Frame select(String... names) {
        return select(Arrays.asList(names));
    }

    /**
     * The named columns, in the order given, sharing storage.
     *
     * @throws IllegalArgumentException if a name is not a column, or is given twice
     */
    public Frame select(List<String> names) {
        List<Column> selected = new ArrayList<>(names.size());
        for (String name : names) {
            selected.add(column(name));
        }
        return new Frame(selected, rowCount);
    }

    /**
     * Every column except the named ones, sharing storage.
     *
     * @throws IllegalArgumentException if a name is not a column
     */
    public Frame drop(String... names) {
        Set<String> dropped = new HashSet<>();
        for (String name : names) {
            column(name);
            dropped.add(name);
        }
        return new Frame(columns.stream().filter(c -> !dropped.contains(c.name())).toList(), rowCount);
    }

    /**
     * Rows {@code [from, to)}, sharing storage.
     *
     * @throws IndexOutOfBoundsException if {@code from} is negative, above {@code to}, or {@code to} is
     *         above {@link #rowCount()}
     */
    public Frame slice(int from, int to) {
        Objects.checkFromToIndex(from, to, rowCount);
        return new Frame(columns.stream().map(c -> c.slice(from, to)).toList(), to - from);
    }

    /**
     * The first {@code n} rows (all of them when there are fewer), sharing storage.
     *
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public Frame head(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("row count must not be negative: " + n);
        }
        return slice(0, Math.min(n, rowCount));
    }

    /**
     * The given rows, in the given order (repeats allowed), copied into new arrays.
     *
     * @throws IndexOutOfBoundsException if a row index is negative or not below {@link #rowCount()}
     */
    public Frame take(int[] rows) {
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] < 0 || rows[i] >= rowCount) {
                throw new IndexOutOfBoundsException("row index " + rows[i] + " at position " + i
                        + " is outside [0, " + rowCount + ")");
            }
        }
        return new Frame(columns.stream().map(c -> c.take(rows)).toList(), rows.length);
    }

    /**
     * This frame with {@code column} added at the end, or replacing the column of the same name in
     * place. Other columns are shared.
     *
     * @throws IllegalArgumentException if the frame has columns and {@code column}'s length differs from its
     *         row count
     */
    public Frame withColumn(Column column) {
        Objects.requireNonNull(column, "column");
        List<Column> result = new ArrayList<>(columns);
        int index = schema.indexOf(column.name());
        if (index >= 0) {
            result.set(index, column);
        } else {
            result.add(column);
        }
        return new Frame(result, columns.isEmpty() ? column.size() : rowCount);
    }

    /**
     * This frame's columns followed by {@code other}'s, side by side, sharing storage.
     *
     * @throws IllegalArgumentException if the row counts differ or a name is in both
     */
    public Frame withColumns(Frame other) {
        if (other.rowCount != rowCount && !columns.isEmpty() && !other.columns.isEmpty()) {
            throw new IllegalArgumentException("cannot place a frame of " + other.rowCount + " rows beside one of "
                    + rowCount);
        }
        List<Column> result = new ArrayList<>(columns);
        result.addAll(other.columns);
        return new Frame(result, columns.isEmpty() ? other.rowCount : rowCount);
    }

    /**
     * The row at {@code row} as one input for prediction; missing values stay missing.
     *
     * @throws IndexOutOfBoundsException if {@code row} is negative or not below {@link #rowCount()}
     */
    public Features row(int row) {
        Objects.checkIndex(row, rowCount);
        Features.Builder builder = Features.builder();
        for (Column column : columns) {
            builder.set(column.name(), column.get(row));
        }
        return builder.build();
    }

    /** This frame's content fingerprint, computed on first use. */
    public DatasetFingerprint fingerprint() {
        DatasetFingerprint result = fingerprint;
        if (result == null) {
            result = Fingerprinter.of(this);
            fingerprint = result;
        }
        return result;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof Frame other && rowCount == other.rowCount && schema.equals(other.schema)
                && columns.equals(other.columns);
    }

    @Override
    public int hashCode() {
        return Objects.hash(schema, rowCount, fingerprint().sha256());
    }

    /** The schema and the first rows, as a small text table. */
    @Override
    public String toString() {
        return FrameText.of(this, PREVIEW_ROWS);
    }

    private <C extends Column> C typed(String name, Class<C> type, FieldType expected) {
        Column column = column(name);
        if (!type.isInstance(column)) {
            throw new IllegalArgumentException("column '" + name + "' is " + column.type() + ", not " + expected);
        }
        return type.cast(column);
    }

    private static boolean sameNamesAndTypes(Schema a, Schema b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.field(i).name().equals(b.field(i).name()) || a.field(i).type() != b.field(i).type()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Appends rows of a fixed schema. Each row is checked whole before anything is appended: a row
     * with problems is refused with every problem listed and leaves the builder as it was. Not
     * thread-safe; {@link #build()} once.
     */
    public static final class RowBuilder {
        private final Schema schema;
        private final ColumnAppender[] appenders;
        private int rows;
        private boolean built;

        private RowBuilder(Schema schema) {
            this.schema = Objects.requireNonNull(schema, "schema");
            this.appenders = schema.fields().stream().map(f -> new ColumnAppender(f, 16))
                    .toArray(ColumnAppender[]::new);
        }

        /**
         * Appends a row given in schema order; {@code null} is a missing value.
         *
         * @throws InvalidInputException listing every value that does not fit its field, or saying that the
         *         row has another number of values than the schema has fields
         * @throws IllegalStateException if the builder has already built its frame
         */
        public RowBuilder add(Object... values) {
            if (values.length != appenders.length) {
                throw new InvalidInputException("row " + rows, List.of(new InvalidInputException.Problem("row",
                        "has " + values.length + " values but the schema has " + appenders.length + " fields "
                                + schema.names())));
            }
            Object[] normalized = new Object[values.length];
            List<InvalidInputException.Problem> problems = new ArrayList<>();
            for (int i = 0; i < values.length; i++) {
                check(i, values[i], normalized, problems);
            }
            return append(normalized, problems);
        }

        /**
         * Appends a row given as column name to value; an absent key is a missing value.
         *
         * @throws InvalidInputException listing every unknown key and every value that does not fit its field
         * @throws IllegalStateException if the builder has already built its frame
         */
        public RowBuilder add(Map<String, ?> row) {
            Object[] normalized = new Object[appenders.length];
            List<InvalidInputException.Problem> problems = new ArrayList<>();
            for (String key : row.keySet()) {
                if (!schema.contains(key)) {
                    problems.add(new InvalidInputException.Problem(String.valueOf(key),
                            "is not a column of " + schema.names()));
                }
            }
            for (int i = 0; i < appenders.length; i++) {
                check(i, row.get(schema.field(i).name()), normalized, problems);
            }
            return append(normalized, problems);
        }

        /** The number of rows appended so far. */
        public int rowCount() {
            return rows;
        }

        /**
         * The frame; the builder must not be used afterwards.
         *
         * @throws IllegalStateException if the builder has already built its frame
         */
        public Frame build() {
            ensureOpen();
            built = true;
            List<Column> columns = new ArrayList<>(appenders.length);
            for (ColumnAppender appender : appenders) {
                columns.add(appender.build());
            }
            return new Frame(columns, rows);
        }

        private void check(int index, Object value, Object[] normalized, List<InvalidInputException.Problem> problems) {
            String name = schema.field(index).name();
            try {
                normalized[index] = Values.normalize(value);
            } catch (IllegalArgumentException e) {
                problems.add(new InvalidInputException.Problem(name, e.getMessage()));
                return;
            }
            String problem = appenders[index].problem(normalized[index]);
            if (problem != null) {
                problems.add(new InvalidInputException.Problem(name, problem));
            }
        }

        private RowBuilder append(Object[] normalized, List<InvalidInputException.Problem> problems) {
            ensureOpen();
            if (!problems.isEmpty()) {
                throw new InvalidInputException("row " + rows, problems);
            }
            for (int i = 0; i < appenders.length; i++) {
                appenders[i].append(normalized[i]);
            }
            rows++;
            return this;
        }

        private void ensureOpen() {
            if (built) {
                throw new IllegalStateException("this builder has already built its frame");
            }
        }
    }
}
