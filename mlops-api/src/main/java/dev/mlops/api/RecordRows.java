package dev.mlops.api;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Objects;

/** Turns Java records into a frame, one column per component; see {@link Frame#fromRecords}. */
final class RecordRows {

    private RecordRows() {
    }

    static <R extends Record> Frame toFrame(Class<R> type, Collection<? extends R> rows) {
        Objects.requireNonNull(type, "record type");
        RecordComponent[] components = type.getRecordComponents();
        if (components == null) {
            throw new IllegalArgumentException(type.getName() + " is not a record class");
        }
        List<Field> fields = new ArrayList<>(components.length);
        Method[] accessors = new Method[components.length];
        for (int i = 0; i < components.length; i++) {
            fields.add(Field.of(components[i].getName(), fieldType(type, components[i])));
            accessors[i] = components[i].getAccessor();
            try {
                accessors[i].setAccessible(true);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("cannot read component '" + components[i].getName() + "' of "
                        + type.getName() + ": " + e.getMessage(), e);
            }
        }
        Frame.RowBuilder builder = Frame.builder(Schema.of(fields));
        Object[] values = new Object[components.length];
        for (R row : rows) {
            Objects.requireNonNull(row, "a row of the record list is null");
            for (int i = 0; i < accessors.length; i++) {
                values[i] = read(accessors[i], row);
            }
            builder.add(values);
        }
        return builder.build();
    }

    private static FieldType fieldType(Class<?> recordType, RecordComponent component) {
        Class<?> t = component.getType();
        if (t.isPrimitive()) {
            if (t == boolean.class) {
                return FieldType.BOOLEAN;
            }
            return t == char.class ? FieldType.CATEGORICAL : FieldType.NUMERIC;
        }
        if (Number.class.isAssignableFrom(t)) {
            return FieldType.NUMERIC;
        }
        if (t == Boolean.class) {
            return FieldType.BOOLEAN;
        }
        if (CharSequence.class.isAssignableFrom(t) || t.isEnum() || t == Character.class) {
            return FieldType.CATEGORICAL;
        }
        if (Temporal.class.isAssignableFrom(t) || Date.class.isAssignableFrom(t)) {
            return FieldType.TIMESTAMP;
        }
        throw new IllegalArgumentException("component '" + component.getName() + "' of " + recordType.getName()
                + " has type " + t.getName() + ", which has no column type; use a number, string, enum, boolean"
                + " or java.time value");
    }

    private static Object read(Method accessor, Object row) {
        try {
            return accessor.invoke(row);
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException("cannot read " + accessor + ": " + e.getMessage(), e);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("accessor " + accessor + " threw " + e.getCause(), e.getCause());
        }
    }
}
