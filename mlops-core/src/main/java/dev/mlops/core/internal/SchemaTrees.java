package dev.mlops.core.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.DataException;
import dev.mlops.api.Field;
import dev.mlops.api.FieldType;
import dev.mlops.api.Schema;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The JSON form of a {@link Schema} as Jackson trees, for documents that embed it (bundles); the
 * public form is {@link dev.mlops.core.json.SchemaJson}, which keeps Jackson out of the API. Not part
 * of the public API.
 */
public final class SchemaTrees {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> FIELD_KEYS = Set.of("name", "type", "nullable");
    private static final String SOURCE = "schema JSON";

    private SchemaTrees() {
    }

    /** The schema as compact JSON. */
    public static String toJson(Schema schema) {
        return toTree(schema).toString();
    }

    /** The schema as a JSON tree, for embedding in larger documents. */
    public static ObjectNode toTree(Schema schema) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode fields = root.putArray("fields");
        for (Field field : schema.fields()) {
            fields.addObject()
                    .put("name", field.name())
                    .put("type", field.type().jsonName())
                    .put("nullable", field.nullable());
        }
        return root;
    }

    /**
     * The schema a JSON text describes.
     *
     * @throws DataException saying what is wrong and where
     */
    public static Schema fromJson(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            throw new DataException(SOURCE, at == null ? 0 : Math.max(0, at.getLineNr()), null, null,
                    "is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new DataException(SOURCE, 0, null, null, "is empty");
        }
        return fromTree(root);
    }

    /**
     * The schema a JSON tree describes.
     *
     * @throws DataException saying what is wrong and where
     */
    public static Schema fromTree(JsonNode root) {
        if (!root.isObject()) {
            throw problem("$", "must be an object with a \"fields\" array");
        }
        Iterator<String> keys = root.fieldNames();
        while (keys.hasNext()) {
            String key = keys.next();
            if (!key.equals("fields")) {
                throw problem("$." + key, "is not a known key; a schema has only \"fields\"");
            }
        }
        JsonNode fields = root.get("fields");
        if (fields == null || !fields.isArray()) {
            throw problem("$.fields", "must be an array");
        }
        List<Field> result = new ArrayList<>(fields.size());
        for (int i = 0; i < fields.size(); i++) {
            result.add(field(fields.get(i), "$.fields[" + i + "]"));
        }
        try {
            return Schema.of(result);
        } catch (IllegalArgumentException e) {
            throw problem("$.fields", e.getMessage());
        }
    }

    private static Field field(JsonNode node, String path) {
        if (!node.isObject()) {
            throw problem(path, "must be an object with \"name\", \"type\" and \"nullable\"");
        }
        Iterator<String> keys = node.fieldNames();
        while (keys.hasNext()) {
            String key = keys.next();
            if (!FIELD_KEYS.contains(key)) {
                throw problem(path + "." + key, "is not a known key; a field has " + FIELD_KEYS);
            }
        }
        JsonNode name = node.get("name");
        if (name == null || !name.isTextual() || name.asText().isEmpty()) {
            throw problem(path + ".name", "must be a non-empty string");
        }
        JsonNode type = node.get("type");
        if (type == null || !type.isTextual()) {
            throw problem(path + ".type", "must be one of numeric, categorical, boolean, timestamp, text");
        }
        FieldType fieldType;
        try {
            fieldType = FieldType.fromJsonName(type.asText());
        } catch (IllegalArgumentException e) {
            throw problem(path + ".type", e.getMessage());
        }
        JsonNode nullable = node.get("nullable");
        if (nullable != null && !nullable.isBoolean()) {
            throw problem(path + ".nullable", "must be true or false");
        }
        return new Field(name.asText(), fieldType, nullable == null || nullable.asBoolean());
    }

    private static DataException problem(String path, String reason) {
        return new DataException(SOURCE, 0, path, null, reason);
    }
}
