package dev.mlops.core.bundle.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.api.DataException;
import dev.mlops.api.Schema;
import dev.mlops.api.model.FittedModel;
import dev.mlops.api.model.ModelFormat;
import dev.mlops.api.model.Signature;
import dev.mlops.api.model.Task;
import dev.mlops.core.bundle.BundleException;
import dev.mlops.core.bundle.BundleLimits;
import dev.mlops.core.bundle.BundleMetadata;
import dev.mlops.core.bundle.ModelBundle;
import dev.mlops.core.bundle.MonitoringBaseline;
import dev.mlops.core.internal.SchemaTrees;
import dev.mlops.core.prep.FittedChain;
import dev.mlops.core.profile.DataProfile;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads a bundle, checking in this order and failing with a {@link BundleException} at the first
 * problem: that the file is a regular file within the size limit ({@link BoundedFile}); that the zip
 * can mean only one thing, its central directory and local headers agreeing entry by entry with no
 * bytes outside the entries, and the entry count and declared inflated sizes within the limits
 * ({@link ZipLayout}); each entry's name (no path of any kind); each entry inflated into an array of
 * exactly its declared size with its CRC-32 checked ({@link EntryInflater}); the manifest's kind and
 * format version; that the entries are exactly those the manifest lists, each with its SHA-256 and
 * size; the JSON entries (strict UTF-8, no repeated keys, nothing after the value); that the model's
 * task, labels and inputs are what the signature and preparation say ({@link PreparedInputs}); the
 * backend versions. Only then is the model deserialized, by its codec. A load that exhausts the heap
 * or the stack all the same (explicit limits beyond the heap, or a backend's decoder) ends in a
 * BundleException too, never an Error.
 */
public final class BundleReader {

    private static final Set<String> KNOWN = Set.of(BundleWriter.MANIFEST, BundleWriter.SIGNATURE,
            BundleWriter.PREPARATION, BundleWriter.PROFILE, BundleWriter.METADATA, BundleWriter.MODEL_INFO,
            BundleWriter.MODEL);
    /** Entries a bundle may hold beyond the required ones. */
    private static final Set<String> OPTIONAL = Set.of(BundleWriter.MONITORING);

    private BundleReader() {
    }

    /** Reads the bundle file. */
    public static ModelBundle read(Path file, BundleLimits limits) {
        String source = file.toString();
        return guarded(source, () -> verified(BoundedFile.read(file, limits.maxFileBytes()), source, limits));
    }

    /** Reads bundle bytes; {@code source} names them in errors. */
    public static ModelBundle read(byte[] bytes, String source, BundleLimits limits) {
        return guarded(source, () -> verified(bytes, source, limits));
    }

    /**
     * Runs one load, turning an exhausted heap or stack into a BundleException naming the file. Under
     * the default limits the heap does not run out; under explicit limits beyond the heap, or in a
     * backend decoder (which may wrap the Error in its own exception), it can. What the load allocated
     * is garbage once this throws, so the caller may go on.
     */
    private static ModelBundle guarded(String source, Supplier<ModelBundle> load) {
        try {
            return load.get();
        } catch (OutOfMemoryError | StackOverflowError e) {
            throw exhausted(e, source);
        } catch (BundleException e) {
            // a backend's own message for a wrapped OutOfMemoryError does not say so ("threw an exception")
            Throwable cause = e.getCause();
            for (int depth = 0; cause != null && depth < 100; depth++, cause = cause.getCause()) {
                if (cause instanceof OutOfMemoryError) {
                    throw exhausted((Error) cause, source);
                }
            }
            throw e;
        }
    }

    private static BundleException exhausted(Error error, String source) {
        String problem = error instanceof OutOfMemoryError
                ? "ran out of heap while it was loaded (the heap is at most " + Runtime.getRuntime().maxMemory()
                        + " bytes): it needs a larger heap, or limits within this one"
                : "nests too deeply to load (the stack overflowed)";
        return new BundleException(source, problem, error);
    }

    private static ModelBundle verified(byte[] bytes, String source, BundleLimits limits) {
        if (bytes.length > limits.maxFileBytes()) {
            throw new BundleException(source, "is " + bytes.length + " bytes, more than the limit of "
                    + limits.maxFileBytes() + " for a bundle file");
        }
        Map<String, byte[]> entries = entries(bytes, source, limits);
        JsonNode manifest = manifest(entries, source);
        verify(manifest, entries, source);

        Signature signature = BundleJson.signature(BundleJson.parse(entries.get(BundleWriter.SIGNATURE), source,
                BundleWriter.SIGNATURE), source);
        BundleMetadata metadata = BundleJson.metadata(BundleJson.parse(entries.get(BundleWriter.METADATA), source,
                BundleWriter.METADATA), source);
        FittedChain preparation;
        DataProfile profile;
        try {
            preparation = FittedChain.fromJson(BundleJson.utf8(entries.get(BundleWriter.PREPARATION), source,
                    BundleWriter.PREPARATION));
            profile = DataProfile.fromJson(BundleJson.utf8(entries.get(BundleWriter.PROFILE), source,
                    BundleWriter.PROFILE));
        } catch (DataException e) {
            throw new BundleException(source, e.getMessage(), e);
        }
        JsonNode info = BundleJson.parse(entries.get(BundleWriter.MODEL_INFO), source, BundleWriter.MODEL_INFO);
        String format = BundleJson.text(info, "format", source, BundleWriter.MODEL_INFO);
        Map<String, String> versions = BundleJson.textMap(BundleJson.object(info, "backendVersions", source,
                BundleWriter.MODEL_INFO), source, BundleWriter.MODEL_INFO);
        Schema inputs;
        try {
            inputs = SchemaTrees.fromTree(BundleJson.required(info, "inputs", source, BundleWriter.MODEL_INFO));
        } catch (DataException | IllegalArgumentException e) {
            throw new BundleException(source, BundleWriter.MODEL_INFO + " inputs: " + e.getMessage(), e);
        }
        requireModelFitsSignature(info, inputs, signature, preparation, source);
        MonitoringBaseline monitoring = monitoring(entries.get(BundleWriter.MONITORING), signature, source);
        ModelFormat reader = ModelCodecs.format(format, source);
        ModelCodecs.checkVersions(reader, versions, source);
        FittedModel model = ModelCodecs.decode(reader, entries.get(BundleWriter.MODEL), new ModelCodecs.Expected(
                signature.task(), inputs, signature.labels()), source);
        try {
            return ModelBundle.of(signature, preparation, model, profile, metadata, monitoring);
        } catch (IllegalArgumentException e) {
            throw new BundleException(source, "its parts disagree: " + e.getMessage(), e);
        }
    }

    /**
     * Before any model format's decoder runs: the task and labels {@code model.json} records must be
     * the signature's, and its inputs what the preparation makes of the signature's inputs.
     */
    private static void requireModelFitsSignature(JsonNode info, Schema inputs, Signature signature,
            FittedChain preparation, String source) {
        String task = BundleJson.text(info, "task", source, BundleWriter.MODEL_INFO);
        if (!task.equals(signature.task().name().toLowerCase(Locale.ROOT))) {
            throw new BundleException(source, "its parts disagree: " + BundleWriter.MODEL_INFO + " says the model"
                    + " does " + task + " but the signature says " + signature.task());
        }
        List<String> labels = BundleJson.strings(BundleJson.required(info, "labels", source, BundleWriter.MODEL_INFO),
                source, BundleWriter.MODEL_INFO + " labels");
        if (!labels.equals(signature.labels())) {
            throw new BundleException(source, "its parts disagree: " + BundleWriter.MODEL_INFO + " gives the labels "
                    + labels + " but the signature " + signature.labels());
        }
        PreparedInputs.mismatch(signature, preparation, inputs).ifPresent(problem -> {
            throw new BundleException(source, "its parts disagree: " + problem);
        });
    }

    private static Map<String, byte[]> entries(byte[] bytes, String source, BundleLimits limits) {
        List<ZipLayout.Entry> layout = ZipLayout.entries(bytes, source, limits);
        layout.forEach(entry -> checkName(entry.name(), source));
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (ZipLayout.Entry entry : layout) {
            entries.put(entry.name(), EntryInflater.content(bytes, entry, source));
        }
        return entries;
    }

    private static void checkName(String name, String source) {
        if (name.contains("..") || name.startsWith("/") || name.contains("\\") || name.contains(":")
                || name.indexOf('\0') >= 0 || name.contains("/")) {
            throw new BundleException(source, "holds the entry '" + ZipLayout.printable(name)
                    + "', a path that could escape; a bundle holds only plain names");
        }
        if (!KNOWN.contains(name) && !OPTIONAL.contains(name)) {
            throw new BundleException(source, "holds the unknown entry '" + ZipLayout.printable(name) + "'");
        }
    }

    private static JsonNode manifest(Map<String, byte[]> entries, String source) {
        byte[] bytes = entries.get(BundleWriter.MANIFEST);
        if (bytes == null) {
            throw new BundleException(source, "has no " + BundleWriter.MANIFEST + "; it is not a model bundle");
        }
        JsonNode manifest = BundleJson.parse(bytes, source, BundleWriter.MANIFEST);
        JsonNode kind = manifest.get("kind");
        if (kind == null || !BundleWriter.KIND.equals(kind.asText())) {
            throw new BundleException(source, "is not a model bundle (manifest kind " + kind + ")");
        }
        long format = BundleJson.number(manifest, "format", source, BundleWriter.MANIFEST);
        if (format < 1 || format > ModelBundle.FORMAT) {
            throw new BundleException(source, "has bundle format " + format + "; this SDK reads formats 1 to "
                    + ModelBundle.FORMAT + (format > ModelBundle.FORMAT ? " (written by a newer SDK?)" : ""));
        }
        if (format == 1 && manifest.path("entries").has(BundleWriter.MONITORING)) {
            throw new BundleException(source, "is format 1 but holds " + BundleWriter.MONITORING
                    + ", which format 1 does not have");
        }
        return manifest;
    }

    private static void verify(JsonNode manifest, Map<String, byte[]> entries, String source) {
        JsonNode listed = BundleJson.object(manifest, "entries", source, BundleWriter.MANIFEST);
        for (String name : entries.keySet()) {
            if (!name.equals(BundleWriter.MANIFEST) && !listed.has(name)) {
                throw new BundleException(source, "holds '" + name + "', which the manifest does not list");
            }
        }
        Iterator<Map.Entry<String, JsonNode>> fields = listed.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            byte[] content = entries.get(name);
            if (content == null) {
                throw new BundleException(source, "lacks '" + ZipLayout.printable(name)
                        + "', which the manifest lists");
            }
            String expected = BundleJson.text(field.getValue(), "sha256", source, BundleWriter.MANIFEST + " " + name);
            long size = BundleJson.number(field.getValue(), "bytes", source, BundleWriter.MANIFEST + " " + name);
            String actual = Hashes.sha256(content);
            if (size != content.length || !actual.equals(expected)) {
                throw new BundleException(source, "entry '" + name + "' does not match its checksum (tampered or"
                        + " corrupted): manifest says sha256 " + expected + " and " + size + " bytes, content has "
                        + actual + " and " + content.length + " bytes");
            }
        }
        for (String required : KNOWN) {
            if (!entries.containsKey(required)) {
                throw new BundleException(source, "lacks the entry '" + required + "'");
            }
        }
    }

    /**
     * The monitoring baseline, when the bundle has one, checked against the signature before any model
     * is decoded. Its size is bounded by what a baseline of this signature can need (sketches of at
     * most 2,001 values per column, one count per category, a calibrator), so a small zip cannot make
     * the parser fill the heap.
     */
    private static MonitoringBaseline monitoring(byte[] bytes, Signature signature, String source) {
        if (bytes == null) {
            return null;
        }
        long limit = maxMonitoringBytes(signature);
        if (bytes.length > limit) {
            throw new BundleException(source, BundleWriter.MONITORING + " is " + bytes.length + " bytes, more than a"
                    + " monitoring baseline of this signature can need (" + limit + ")");
        }
        MonitoringBaseline monitoring;
        try {
            monitoring = MonitoringBaseline.fromJson(BundleJson.utf8(bytes, source, BundleWriter.MONITORING));
        } catch (DataException e) {
            throw new BundleException(source, e.getMessage(), e);
        }
        monitoring.mismatch(signature).ifPresent(problem -> {
            throw new BundleException(source, BundleWriter.MONITORING + " does not fit the signature: " + problem);
        });
        return monitoring;
    }

    /** The most bytes {@code monitoring.json} may take for a model of {@code signature}. */
    static long maxMonitoringBytes(Signature signature) {
        long columns = signature.inputs().size() + signature.labels().size() + 1L;
        long labelBytes = 0;
        for (List<String> categories : signature.categories().values()) {
            for (String category : categories) {
                labelBytes += category.length() * 6L + 32; // six bytes a character when escaped, with its count
            }
        }
        for (String label : signature.labels()) {
            labelBytes += label.length() * 6L + 32;
        }
        return columns * PER_COLUMN_BYTES + 2 * labelBytes + CALIBRATION_BYTES;
    }

    /** A sketch of 2,001 doubles as JSON, with room to spare. */
    private static final long PER_COLUMN_BYTES = 64 * 1024;
    /** The calibration, its calibrator and the held-out metrics. */
    private static final long CALIBRATION_BYTES = 8L * 1024 * 1024;

    /** Checks that a decoded model matches what the bundle's JSON says. */
    static void requireTask(Task actual, Task expected, String source) {
        if (actual != expected) {
            throw new BundleException(source, "the model is a " + actual + " but the signature says " + expected);
        }
    }
}
