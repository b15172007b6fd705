package dev.mlops.core.json;

import dev.mlops.api.DataException;
import dev.mlops.api.FieldType;
import dev.mlops.api.Schema;
import dev.mlops.core.internal.SchemaTrees;

/**
 * The stable JSON form of a {@link Schema}:
 * <pre>{@code {"fields":[{"name":"age","type":"numeric","nullable":true}, ...]}}</pre>
 * Type names are {@link FieldType#jsonName()}. Reading is strict: unknown keys, unknown types,
 * missing names and repeated names are errors, not guesses.
 *
 * @since 0.1
 */
public final class SchemaJson {

    private SchemaJson() {
    }

    /** The schema as compact JSON. */
    public static String toJson(Schema schema) {
        return SchemaTrees.toJson(schema);
    }

    /**
     * The schema a JSON text describes.
     *
     * @throws DataException saying what is wrong and where
     */
    public static Schema fromJson(String json) {
        return SchemaTrees.fromJson(json);
    }
}
