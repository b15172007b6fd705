package dev.mlops.api;

import java.util.Objects;

/**
 * One named, typed column of a {@link Schema}.
 *
 * @param name     the column's name, never null or empty; any other characters are allowed
 * @param type     the kind of values, never null
 * @param nullable whether the column may hold missing values
 * @since 0.1
 */
public record Field(String name, FieldType type, boolean nullable) {

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException if the name is empty
     */
    public Field {
        Objects.requireNonNull(name, "field name");
        Objects.requireNonNull(type, "field type of '" + name + "'");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("field name must not be empty");
        }
    }

    /**
     * A nullable field.
     *
     * @throws IllegalArgumentException if {@code name} is empty
     */
    public static Field of(String name, FieldType type) {
        return new Field(name, type, true);
    }

    /**
     * A nullable numeric field.
     *
     * @throws IllegalArgumentException if {@code name} is empty
     */
    public static Field numeric(String name) {
        return of(name, FieldType.NUMERIC);
    }

    /**
     * A nullable categorical field.
     *
     * @throws IllegalArgumentException if {@code name} is empty
     */
    public static Field categorical(String name) {
        return of(name, FieldType.CATEGORICAL);
    }

    /**
     * A nullable boolean field.
     *
     * @throws IllegalArgumentException if {@code name} is empty
     */
    public static Field bool(String name) {
        return of(name, FieldType.BOOLEAN);
    }

    /**
     * A nullable timestamp field.
     *
     * @throws IllegalArgumentException if {@code name} is empty
     */
    public static Field timestamp(String name) {
        return of(name, FieldType.TIMESTAMP);
    }

    /**
     * A nullable text field.
     *
     * @throws IllegalArgumentException if {@code name} is empty
     */
    public static Field text(String name) {
        return of(name, FieldType.TEXT);
    }

    /** This field with missing values forbidden. */
    public Field required() {
        return new Field(name, type, false);
    }

    /**
     * This field under another name.
     *
     * @throws IllegalArgumentException if {@code newName} is empty
     */
    public Field withName(String newName) {
        return new Field(newName, type, nullable);
    }

    /** This field with another nullability. */
    public Field withNullable(boolean newNullable) {
        return new Field(name, type, newNullable);
    }

    @Override
    public String toString() {
        return name + ":" + type.jsonName() + (nullable ? "" : " (required)");
    }
}
