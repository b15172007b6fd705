package dev.mlops.api;

/**
 * One immutable column of a {@link Frame}: a {@link Field} and its values, stored in primitive
 * arrays by type. Missing values are recorded explicitly, never by a sentinel a real value could
 * take (a NaN in a numeric column is a value, not a missing one).
 *
 * <p>Slicing shares the underlying arrays; {@link #take(int[])} copies. Implementations are the
 * five permitted classes, one per {@link FieldType}; use a pattern match or the typed accessors on
 * {@link Frame} to reach their primitive accessors.
 *
 * @since 0.1
 */
public sealed interface Column permits NumericColumn, CategoricalColumn, BooleanColumn, TimestampColumn, TextColumn {

    /** The column's field: name, type and nullability. */
    Field field();

    /** The column's name. */
    default String name() {
        return field().name();
    }

    /** The column's type. */
    default FieldType type() {
        return field().type();
    }

    /** The number of rows. */
    int size();

    /** Whether the value at {@code row} is missing. */
    boolean isMissing(int row);

    /** The number of missing values. */
    int missingCount();

    /**
     * The value at {@code row}, boxed: a {@link Double}, {@link String}, {@link Boolean} or
     * {@link java.time.Instant}, or {@code null} when missing. For bulk work use the typed
     * accessors, which do not box.
     */
    Object get(int row);

    /**
     * Rows {@code [from, to)}, sharing this column's arrays.
     *
     * @throws IndexOutOfBoundsException if {@code from} is negative, above {@code to}, or {@code to} is
     *         above {@link #size()}
     */
    Column slice(int from, int to);

    /**
     * The given rows, in the given order (repeats allowed), copied into new arrays.
     *
     * @throws IndexOutOfBoundsException if a row index is negative or not below {@link #size()}
     */
    Column take(int[] rows);

    /**
     * This column's values under another field of the same type.
     *
     * @throws IllegalArgumentException if the type differs, or the field is required and a value is missing
     */
    Column withField(Field field);

    /** This column's values under another name. */
    default Column withName(String name) {
        return withField(field().withName(name));
    }
}
