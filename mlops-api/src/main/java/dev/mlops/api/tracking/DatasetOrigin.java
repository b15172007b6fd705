package dev.mlops.api.tracking;

import java.util.List;
import java.util.Objects;

/**
 * Where a dataset version's rows came from, recorded with the version when it is first logged: a
 * database query with its parameters ({@link #query}), a file, or anything a source describes.
 * Stores keep it as given (parameters as text, in order), so keep secrets out of parameters you
 * log. Content decides versions: logging equal content again returns the existing version, whose
 * origin stays the first one recorded.
 *
 * @param kind        what the description is: {@code query}, {@code file}, or another short word
 * @param description the query's SQL text, the file's path, ...
 * @param parameters  the query's parameters as text, in order (empty for other kinds)
 * @since 0.1
 */
public record DatasetOrigin(String kind, String description, List<String> parameters) {

    /**
     * Checks and copies the parts.
     *
     * @throws IllegalArgumentException if the kind is blank or the description empty
     */
    public DatasetOrigin {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
        if (kind.isBlank() || description.isEmpty()) {
            throw new IllegalArgumentException("an origin needs a kind and a description");
        }
        parameters = List.copyOf(parameters); // no null parameter: a NULL is given as the text "null"
    }

    /** A query and its parameters, each recorded as its text ({@code String.valueOf}). */
    public static DatasetOrigin query(String sql, Object... parameters) {
        return new DatasetOrigin("query", sql, java.util.Arrays.stream(parameters).map(String::valueOf).toList());
    }
}
