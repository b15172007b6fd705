package dev.mlops.api.pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to build a part of a pipeline again (a check, a preparation step, a split, a trainer, a
 * gate): its kind, such as {@code prep.oneHot}, and its arguments, as values JSON can hold (strings,
 * numbers, booleans, null, and lists and string-keyed maps of them). A pipeline's record holds the
 * recipe of every part, so a recorded run can be rebuilt and run again.
 *
 * @param kind      what to build, such as {@code check.range}
 * @param arguments its arguments, in the order the kind defines
 * @since 0.1
 */
public record Recipe(String kind, List<Object> arguments) {

    /**
     * Checks the components and copies the arguments deeply.
     *
     * @throws IllegalArgumentException if an argument is not a value JSON can hold
     */
    public Recipe {
        Objects.requireNonNull(kind, "kind");
        arguments = Collections.unmodifiableList(copy(arguments));
    }

    /** A recipe of {@code kind} with {@code arguments}. */
    public static Recipe of(String kind, Object... arguments) {
        return new Recipe(kind, java.util.Arrays.asList(arguments));
    }

    /** The recipe as a map {@code {kind, arguments}}, to nest one recipe in another's arguments. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("kind", kind);
        map.put("arguments", arguments);
        return Collections.unmodifiableMap(map);
    }

    /**
     * The recipe a map made by {@link #asMap()} holds.
     *
     * @throws IllegalArgumentException if it is not such a map
     */
    public static Recipe fromMap(Object map) {
        if (map instanceof Map<?, ?> m && m.get("kind") instanceof String kind && m.get("arguments") instanceof List<?> args) {
            return new Recipe(kind, new ArrayList<>(args));
        }
        throw new IllegalArgumentException("not a recipe: " + map);
    }

    private static List<Object> copy(List<?> values) {
        List<Object> copied = new ArrayList<>(values.size());
        for (Object value : values) {
            copied.add(copyValue(value));
        }
        return copied;
    }

    private static Object copyValue(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Number) {
            return value;
        }
        if (value instanceof Enum<?> constant) {
            return constant.name();
        }
        if (value instanceof List<?> list) {
            return Collections.unmodifiableList(copy(list));
        }
        if (value instanceof java.util.Collection<?> collection) {
            return Collections.unmodifiableList(copy(new ArrayList<>(collection)));
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copied = new LinkedHashMap<>();
            map.forEach((key, v) -> copied.put(String.valueOf(key), copyValue(v)));
            return Collections.unmodifiableMap(copied);
        }
        throw new IllegalArgumentException("a recipe argument is a string, number, boolean, list or map, not "
                + value.getClass().getName());
    }

    @Override
    public String toString() {
        return kind + arguments;
    }
}
