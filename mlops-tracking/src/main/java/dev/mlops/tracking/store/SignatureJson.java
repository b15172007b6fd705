package dev.mlops.tracking.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.mlops.api.Field;
import dev.mlops.api.FieldType;
import dev.mlops.api.Schema;
import dev.mlops.api.model.Signature;
import dev.mlops.api.model.Task;
import dev.mlops.api.tracking.ArtifactKind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the store keeps a version's {@link Signature}: the same JSON object a bundle's
 * {@code signature.json} holds ({@code inputs.fields[]} of name, type and nullable;
 * {@code categories}; {@code target}; {@code task}; {@code labels}), so a signature that format-1
 * documents kept as a JSON string reads back too. The store owns this form and needs no ML library
 * for it.
 */
public final class SignatureJson {

    private static final Logger LOG = LoggerFactory.getLogger(SignatureJson.class);
    private static final ObjectMapper PLAIN = new ObjectMapper();

    private SignatureJson() {
    }

    /** The Jackson module that writes and reads signatures this way, and artifact kinds. */
    static SimpleModule module() {
        return new SimpleModule("signatures")
                .addSerializer(Signature.class, new JsonSerializer<>() {
                    @Override
                    public void serialize(Signature value, JsonGenerator gen, SerializerProvider provider)
                            throws IOException {
                        gen.writeTree(tree(value));
                    }
                })
                .addDeserializer(Signature.class, new JsonDeserializer<>() {
                    @Override
                    public Signature deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                        if (parser.currentToken() == JsonToken.VALUE_STRING) {
                            return legacy(parser.getText());
                        }
                        JsonNode node = context.readTree(parser);
                        try {
                            return signature(node);
                        } catch (IllegalArgumentException e) {
                            throw JsonMappingException.from(parser, "not a valid signature: " + e.getMessage(), e);
                        }
                    }
                })
                .addDeserializer(ArtifactKind.class, new JsonDeserializer<>() {
                    @Override
                    public ArtifactKind deserialize(JsonParser parser, DeserializationContext context)
                            throws IOException {
                        String text = parser.getValueAsString();
                        try {
                            return ArtifactKind.valueOf(text);
                        } catch (IllegalArgumentException | NullPointerException e) {
                            return (ArtifactKind) context.handleWeirdStringValue(ArtifactKind.class, text,
                                    "not an artifact kind; kinds are BUNDLE and OPAQUE");
                        }
                    }

                    /** Format-1 documents have no kind: nothing was checked when they were registered. */
                    @Override
                    public ArtifactKind getAbsentValue(DeserializationContext context) {
                        return ArtifactKind.OPAQUE;
                    }
                });
    }

    /** The signature as compact JSON text. */
    public static String text(Signature signature) {
        return tree(signature).toString();
    }

    static JsonNode tree(Signature signature) {
        var root = PLAIN.createObjectNode();
        var fields = root.putObject("inputs").putArray("fields");
        for (Field field : signature.inputs().fields()) {
            fields.addObject().put("name", field.name()).put("type", field.type().jsonName())
                    .put("nullable", field.nullable());
        }
        var categories = root.putObject("categories");
        signature.categories().forEach((name, known) -> known.forEach(categories.putArray(name)::add));
        root.put("target", signature.target());
        root.put("task", signature.task().name().toLowerCase(Locale.ROOT));
        signature.labels().forEach(root.putArray("labels")::add);
        return root;
    }

    /**
     * The signature {@code node} describes.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    static Signature signature(JsonNode node) {
        List<Field> fields = new ArrayList<>();
        for (JsonNode field : array(object(node, "inputs"), "fields")) {
            fields.add(new Field(text(field, "name"), FieldType.fromJsonName(text(field, "type")),
                    bool(field, "nullable")));
        }
        Map<String, List<String>> categories = new LinkedHashMap<>();
        object(node, "categories").properties().forEach(e -> categories.put(e.getKey(), strings(e.getValue())));
        return new Signature(Schema.of(fields), categories, text(node, "target"),
                Task.valueOf(text(node, "task").toUpperCase(Locale.ROOT)), strings(array(node, "labels")));
    }

    /**
     * The signature {@link #text} wrote.
     *
     * @throws IllegalArgumentException saying what is wrong, when {@code json} is not such a signature
     */
    public static Signature parse(String json) {
        try {
            return signature(PLAIN.readTree(json));
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        } catch (NullPointerException e) {
            throw new IllegalArgumentException("not a signature: a part is missing", e);
        }
    }

    /** A signature format-1 documents kept as JSON text; one that does not read is left out, with a warning. */
    private static Signature legacy(String json) {
        try {
            return signature(PLAIN.readTree(json));
        } catch (IOException | RuntimeException e) {
            LOG.warn("a model version's signature, kept as text by an earlier version of the store, is not a"
                    + " signature and is left out: {}", e.getMessage());
            return null;
        }
    }

    private static JsonNode object(JsonNode node, String name) {
        JsonNode value = node == null ? null : node.get(name);
        if (value == null || !value.isObject()) {
            throw new IllegalArgumentException("'" + name + "' must be an object");
        }
        return value;
    }

    private static JsonNode array(JsonNode node, String name) {
        JsonNode value = node == null ? null : node.get(name);
        if (value == null || !value.isArray()) {
            throw new IllegalArgumentException("'" + name + "' must be an array");
        }
        return value;
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("'" + name + "' must be a string");
        }
        return value.asText();
    }

    private static boolean bool(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || !value.isBoolean()) {
            throw new IllegalArgumentException("'" + name + "' must be true or false");
        }
        return value.booleanValue();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        for (JsonNode value : array) {
            if (!value.isTextual()) {
                throw new IllegalArgumentException("expected strings, found " + value);
            }
            values.add(value.asText());
        }
        return values;
    }
}
