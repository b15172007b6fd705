package dev.mlops.core.bundle.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.model.FittedModel;
import dev.mlops.core.bundle.ModelBundle;
import dev.mlops.core.internal.SchemaTrees;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes the bundle zip: {@code manifest.json} first, then each entry the manifest lists with its
 * SHA-256 and size. Entry times are fixed, so equal bundles give equal bytes and a registry stores
 * them once.
 */
public final class BundleWriter {

    static final String MANIFEST = "manifest.json";
    static final String SIGNATURE = "signature.json";
    static final String PREPARATION = "preparation.json";
    static final String PROFILE = "profile.json";
    static final String METADATA = "metadata.json";
    static final String MODEL_INFO = "model.json";
    static final String MODEL = "model.bin";
    static final String MONITORING = "monitoring.json";
    static final String KIND = "mlops-model-bundle";
    private static final LocalDateTime FIXED_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

    private BundleWriter() {
    }

    /** The bundle as zip bytes. */
    public static byte[] write(ModelBundle bundle) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(SIGNATURE, BundleJson.bytes(BundleJson.signature(bundle.signature())));
        entries.put(PREPARATION, bundle.preparation().toJson().getBytes(StandardCharsets.UTF_8));
        entries.put(PROFILE, bundle.profile().toJson().getBytes(StandardCharsets.UTF_8));
        entries.put(METADATA, BundleJson.bytes(BundleJson.metadata(bundle.metadata())));
        entries.put(MODEL_INFO, BundleJson.bytes(modelInfo(bundle.model())));
        entries.put(MODEL, bundle.model().serialize());
        bundle.monitoring().ifPresent(m -> entries.put(MONITORING, m.toJson().getBytes(StandardCharsets.UTF_8)));

        ObjectNode manifest = BundleJson.JSON.createObjectNode();
        manifest.put("kind", KIND);
        manifest.put("format", ModelBundle.FORMAT);
        ObjectNode listed = manifest.putObject("entries");
        entries.forEach((name, bytes) -> {
            ObjectNode entry = listed.putObject(name);
            entry.put("sha256", Hashes.sha256(bytes));
            entry.put("bytes", bytes.length);
        });

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            put(zip, MANIFEST, BundleJson.bytes(manifest));
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                put(zip, entry.getKey(), entry.getValue());
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    /** A signature as the JSON text the bundle stores, for registries and documentation. */
    public static String signatureJson(dev.mlops.api.model.Signature signature) {
        return new String(BundleJson.bytes(BundleJson.signature(signature)), StandardCharsets.UTF_8);
    }

    private static ObjectNode modelInfo(FittedModel model) {
        ObjectNode info = BundleJson.JSON.createObjectNode();
        info.put("format", model.format());
        info.put("task", model.task().name().toLowerCase(Locale.ROOT));
        info.set("inputs", SchemaTrees.toTree(model.inputs()));
        ArrayNode labels = info.putArray("labels");
        model.labels().forEach(labels::add);
        info.put("probabilistic", model.probabilistic());
        ObjectNode versions = info.putObject("backendVersions");
        model.backendVersions().forEach(versions::put);
        return info;
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTimeLocal(FIXED_TIME);
        zip.putNextEntry(entry);
        zip.write(bytes);
        zip.closeEntry();
    }
}
