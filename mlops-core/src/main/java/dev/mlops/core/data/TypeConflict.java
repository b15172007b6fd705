package dev.mlops.core.data;

/**
 * Signals, inside a read, that a column's inferred type was too narrow for a value met later; the
 * reader restarts with the column read as categorical. Never escapes the package.
 */
final class TypeConflict extends Exception {

    final String column;

    TypeConflict(String column) {
        super(column, null, false, false);
        this.column = column;
    }
}
