package dev.mlops.api;

import java.util.Objects;

/**
 * What every column shares: its field and the window {@code [offset, offset + size)} it shows of
 * arrays that may be shared with other columns (slices never copy).
 */
abstract class BaseColumn {

    final Field field;
    final int offset;
    final int size;
    private volatile int missingCount = -1;

    BaseColumn(Field field, FieldType expectedType, int offset, int size) {
        Objects.requireNonNull(field, "field");
        if (field.type() != expectedType) {
            throw new IllegalArgumentException("field '" + field.name() + "' is " + field.type()
                    + " but this column holds " + expectedType);
        }
        this.field = field;
        this.offset = offset;
        this.size = size;
    }

    public final Field field() {
        return field;
    }

    public final int size() {
        return size;
    }

    /** The number of missing values; counted once, then cached. */
    public final int missingCount() {
        int count = missingCount;
        if (count < 0) {
            count = countMissing();
            missingCount = count;
        }
        return count;
    }

    abstract int countMissing();

    /** Fails construction when a required field holds a missing value. */
    final void checkNullability() {
        if (!field.nullable() && missingCount() > 0) {
            throw new IllegalArgumentException("field '" + field.name() + "' is required but holds "
                    + missingCount() + " missing value(s)");
        }
    }

    final int index(int row) {
        return offset + Objects.checkIndex(row, size);
    }

    static void checkRange(int from, int to, int size) {
        Objects.checkFromToIndex(from, to, size);
    }

    static void checkFieldChange(Field current, Field replacement) {
        Objects.requireNonNull(replacement, "field");
        if (replacement.type() != current.type()) {
            throw new IllegalArgumentException("cannot change the type of '" + current.name() + "' from "
                    + current.type() + " to " + replacement.type() + " without converting its values");
        }
    }

    static int hashCells(Column column) {
        int hash = column.field().hashCode();
        for (int row = 0; row < column.size(); row++) {
            hash = 31 * hash + Objects.hashCode(column.get(row));
        }
        return hash;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(field.toString()).append(" [");
        int shown = Math.min(size, 10);
        for (int row = 0; row < shown; row++) {
            text.append(row == 0 ? "" : ", ").append(((Column) this).get(row));
        }
        return text.append(size > shown ? ", ... (" + size + " rows)]" : "]").toString();
    }
}
