package dev.mlops.core.bundle.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.model.Signature;
import dev.mlops.api.model.Task;
import dev.mlops.core.bundle.BundleException;
import dev.mlops.core.bundle.BundleMetadata;
import dev.mlops.core.internal.SchemaTrees;
import java.nio.charset.CharacterCodingException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The JSON entries of a bundle, written with sorted keys and read strictly. */
final class BundleJson {

    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            // a repeated key or a second value would let one entry mean two things to two readers
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private BundleJson() {
    }

    static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JacksonException e) {
            throw new IllegalStateException("a tree of plain values always serializes", e);
        }
    }

    static JsonNode parse(byte[] bytes, String source, String entry) {
        try {
            JsonNode node = JSON.readTree(utf8(bytes, source, entry));
            if (node == null || !node.isObject()) {
                throw new BundleException(source, entry + " is not a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw new BundleException(source, entry + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The text of a JSON entry, which must be strict UTF-8. */
    static String utf8(byte[] bytes, String source, String entry) {
        try {
            return StrictUtf8.decode(bytes, 0, bytes.length);
        } catch (CharacterCodingException e) {
            throw new BundleException(source, entry + " is not UTF-8 text");
        }
    }

    // ---- signature ------------------------------------------------------------------------------

    static ObjectNode signature(Signature signature) {
        ObjectNode root = JSON.createObjectNode();
        root.set("inputs", SchemaTrees.toTree(signature.inputs()));
        ObjectNode categories = root.putObject("categories");
        signature.categories().forEach((name, known) -> {
            ArrayNode list = categories.putArray(name);
            known.forEach(list::add);
        });
        root.put("target", signature.target());
        root.put("task", signature.task().name().toLowerCase(Locale.ROOT));
        ArrayNode labels = root.putArray("labels");
        signature.labels().forEach(labels::add);
        return root;
    }

    static Signature signature(JsonNode root, String source) {
        String entry = BundleWriter.SIGNATURE;
        try {
            Map<String, List<String>> categories = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = object(root, "categories", source, entry).fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                categories.put(field.getKey(), strings(field.getValue(), source, entry + " categories"));
            }
            return new Signature(SchemaTrees.fromTree(required(root, "inputs", source, entry)), categories,
                    text(root, "target", source, entry), task(text(root, "task", source, entry), source),
                    strings(required(root, "labels", source, entry), source, entry + " labels"));
        } catch (IllegalArgumentException | dev.mlops.api.DataException e) {
            throw new BundleException(source, entry + " is not a valid signature: " + e.getMessage(), e);
        }
    }

    // ---- metadata -------------------------------------------------------------------------------

    static ObjectNode metadata(BundleMetadata metadata) {
        ObjectNode root = JSON.createObjectNode();
        root.put("algorithm", metadata.algorithm());
        ObjectNode hyper = root.putObject("hyperparameters");
        metadata.hyperparameters().forEach(hyper::put);
        root.put("seed", metadata.seed());
        ObjectNode metrics = root.putObject("metrics");
        metadata.metrics().forEach(metrics::put);
        root.put("dataset", metadata.dataset());
        root.put("trainingRows", metadata.trainingRows());
        root.put("sdkVersion", metadata.sdkVersion());
        ObjectNode backends = root.putObject("backendVersions");
        metadata.backendVersions().forEach(backends::put);
        root.put("created", metadata.created().toString());
        return root;
    }

    static BundleMetadata metadata(JsonNode root, String source) {
        String entry = BundleWriter.METADATA;
        try {
            Map<String, Double> metrics = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> values = object(root, "metrics", source, entry).fields();
            while (values.hasNext()) {
                Map.Entry<String, JsonNode> metric = values.next();
                JsonNode value = metric.getValue();
                if (value.isNumber()) {
                    metrics.put(metric.getKey(), value.doubleValue());
                } else if (value.isTextual()) {
                    metrics.put(metric.getKey(), Double.parseDouble(value.textValue()));
                } else {
                    throw new BundleException(source, entry + " metric '" + metric.getKey() + "' is not a number");
                }
            }
            return new BundleMetadata(text(root, "algorithm", source, entry),
                    textMap(object(root, "hyperparameters", source, entry), source, entry),
                    number(root, "seed", source, entry), metrics, text(root, "dataset", source, entry),
                    number(root, "trainingRows", source, entry), text(root, "sdkVersion", source, entry),
                    textMap(object(root, "backendVersions", source, entry), source, entry),
                    Instant.parse(text(root, "created", source, entry)));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new BundleException(source, entry + " is not valid metadata: " + e.getMessage(), e);
        }
    }

    // ---- helpers --------------------------------------------------------------------------------

    static JsonNode required(JsonNode root, String field, String source, String entry) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            throw new BundleException(source, entry + " has no '" + field + "'");
        }
        return node;
    }

    static JsonNode object(JsonNode root, String field, String source, String entry) {
        JsonNode node = required(root, field, source, entry);
        if (!node.isObject()) {
            throw new BundleException(source, entry + " field '" + field + "' is not an object");
        }
        return node;
    }

    static String text(JsonNode root, String field, String source, String entry) {
        JsonNode node = required(root, field, source, entry);
        if (!node.isTextual()) {
            throw new BundleException(source, entry + " field '" + field + "' is not text");
        }
        return node.textValue();
    }

    static long number(JsonNode root, String field, String source, String entry) {
        JsonNode node = required(root, field, source, entry);
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new BundleException(source, entry + " field '" + field + "' is not a whole number");
        }
        return node.longValue();
    }

    static Map<String, String> textMap(JsonNode node, String source, String entry) {
        Map<String, String> map = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().isTextual()) {
                throw new BundleException(source, entry + " value of '" + field.getKey() + "' is not text");
            }
            map.put(field.getKey(), field.getValue().textValue());
        }
        return map;
    }

    static List<String> strings(JsonNode node, String source, String what) {
        if (!node.isArray()) {
            throw new BundleException(source, what + " is not a list");
        }
        List<String> list = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw new BundleException(source, what + " holds a non-text item " + item);
            }
            list.add(item.textValue());
        }
        return list;
    }

    private static Task task(String name, String source) {
        for (Task task : Task.values()) {
            if (task.name().equalsIgnoreCase(name)) {
                return task;
            }
        }
        throw new BundleException(source, "unknown task '" + name + "'");
    }
}
