package dev.mlops.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The ordered, uniquely named fields of a table. Immutable.
 *
 * <p>The JSON form ({@code {"fields":[{"name":..,"type":"numeric","nullable":true}, ...]}}) is
 * written and read by {@code dev.mlops.core.json.SchemaJson}; it is stable across releases.
 *
 * @since 0.1
 */
public final class Schema {

    private final List<Field> fields;
    private final Map<String, Integer> indexByName;

    private Schema(List<Field> fields) {
        this.fields = List.copyOf(fields);
        this.indexByName = new HashMap<>(fields.size() * 2);
        for (int i = 0; i < this.fields.size(); i++) {
            Field field = this.fields.get(i);
            if (indexByName.putIfAbsent(field.name(), i) != null) {
                throw new IllegalArgumentException("duplicate field name '" + field.name() + "' at positions "
                        + indexByName.get(field.name()) + " and " + i);
            }
        }
    }

    /**
     * A schema of the given fields, in order.
     *
     * @throws IllegalArgumentException if two fields share a name
     */
    public static Schema of(Field... fields) {
        return new Schema(List.of(fields));
    }

    /**
     * A schema of the given fields, in iteration order.
     *
     * @throws IllegalArgumentException if two fields share a name
     */
    public static Schema of(Collection<Field> fields) {
        return new Schema(List.copyOf(fields));
    }

    /** The fields, in order; unmodifiable. */
    public List<Field> fields() {
        return fields;
    }

    /** The number of fields. */
    public int size() {
        return fields.size();
    }

    /** The field names, in order. */
    public List<String> names() {
        return fields.stream().map(Field::name).toList();
    }

    /** The field at {@code index}. */
    public Field field(int index) {
        return fields.get(index);
    }

    /** The field called {@code name}, if there is one. */
    public Optional<Field> field(String name) {
        Integer index = indexByName.get(name);
        return index == null ? Optional.empty() : Optional.of(fields.get(index));
    }

    /** The position of the field called {@code name}, or -1 when there is none. */
    public int indexOf(String name) {
        return indexByName.getOrDefault(name, -1);
    }

    /** Whether a field is called {@code name}. */
    public boolean contains(String name) {
        return indexByName.containsKey(name);
    }

    /**
     * The field called {@code name}.
     *
     * @throws IllegalArgumentException naming the known fields, if there is none
     */
    public Field require(String name) {
        Integer index = indexByName.get(name);
        if (index == null) {
            throw new IllegalArgumentException("no field '" + name + "'; fields are " + names());
        }
        return fields.get(index);
    }

    /**
     * A schema of the named fields, in the order given.
     *
     * @throws IllegalArgumentException if a name is unknown or repeated
     */
    public Schema select(Collection<String> names) {
        List<Field> selected = new ArrayList<>(names.size());
        for (String name : names) {
            selected.add(require(name));
        }
        return new Schema(selected);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Schema other && fields.equals(other.fields);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fields);
    }

    @Override
    public String toString() {
        return "Schema" + fields;
    }
}
