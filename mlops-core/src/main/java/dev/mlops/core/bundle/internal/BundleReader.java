package dev.mlops.core.bundle.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.api.DataException;
import dev.mlops.api.Schema;
import dev.mlops.api.model.FittedModel;
import dev.mlops.api.model.Signature;
import dev.mlops.api.model.Task;
import dev.mlops.core.bundle.BundleException;
import dev.mlops.core.bundle.BundleLimits;
import dev.mlops.core.bundle.BundleMetadata;
import dev.mlops.core.bundle.ModelBundle;
import dev.mlops.core.json.SchemaJson;
import dev.mlops.core.prep.FittedChain;
import dev.mlops.core.profile.DataProfile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Reads a bundle, checking in this order and failing with a {@link BundleException} at the first
 * problem: the file's size; that it is a complete zip (entries and the end record); each entry's
 * name (no path of any kind), the entry count and the inflated sizes, counted while inflating; the
 * manifest's kind and format version; that the entries are exactly those the manifest lists, each
 * with its SHA-256 and size; the JSON entries; the backend versions. Only then is the model
 * deserialized, by its codec.
 */
public final class BundleReader {

    private static final Set<String> KNOWN = Set.of(BundleWriter.MANIFEST, BundleWriter.SIGNATURE,
            BundleWriter.PREPARATION, BundleWriter.PROFILE, BundleWriter.METADATA, BundleWriter.MODEL_INFO,
            BundleWriter.MODEL);
    private static final int END_RECORD = 0x06054b50;
    private static final int END_RECORD_SIZE = 22;

    private BundleReader() {
    }

    /** Reads the bundle file. */
    public static ModelBundle read(Path file, BundleLimits limits) {
        String source = file.toString();
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > limits.maxTotalBytes() + 1024L * 1024) {
                throw new BundleException(source, "is " + size + " bytes, more than the limit of "
                        + limits.maxTotalBytes());
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BundleException(source, "no such file", e);
        } catch (IOException e) {
            throw new BundleException(source, "cannot be read: " + e.getMessage(), e);
        }
        return read(bytes, source, limits);
    }

    /** Reads bundle bytes; {@code source} names them in errors. */
    public static ModelBundle read(byte[] bytes, String source, BundleLimits limits) {
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
            preparation = FittedChain.fromJson(utf8(entries.get(BundleWriter.PREPARATION)));
            profile = DataProfile.fromJson(utf8(entries.get(BundleWriter.PROFILE)));
        } catch (DataException e) {
            throw new BundleException(source, e.getMessage(), e);
        }
        JsonNode info = BundleJson.parse(entries.get(BundleWriter.MODEL_INFO), source, BundleWriter.MODEL_INFO);
        String format = BundleJson.text(info, "format", source, BundleWriter.MODEL_INFO);
        Map<String, String> versions = BundleJson.textMap(BundleJson.object(info, "backendVersions", source,
                BundleWriter.MODEL_INFO), source, BundleWriter.MODEL_INFO);
        Schema inputs;
        try {
            inputs = SchemaJson.fromTree(BundleJson.required(info, "inputs", source, BundleWriter.MODEL_INFO));
        } catch (DataException | IllegalArgumentException e) {
            throw new BundleException(source, BundleWriter.MODEL_INFO + " inputs: " + e.getMessage(), e);
        }
        ModelCodecs.checkVersions(format, versions, source);
        FittedModel model = ModelCodecs.decode(format, entries.get(BundleWriter.MODEL), new ModelCodecs.Expected(
                signature.task(), inputs, signature.labels()), source);
        try {
            return ModelBundle.of(signature, preparation, model, profile, metadata);
        } catch (IllegalArgumentException e) {
            throw new BundleException(source, "its parts disagree: " + e.getMessage(), e);
        }
    }

    private static Map<String, byte[]> entries(byte[] bytes, String source, BundleLimits limits) {
        requireEndRecord(bytes, source);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        long total = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                String name = entry.getName();
                checkName(name, source);
                if (entries.containsKey(name)) {
                    throw new BundleException(source, "holds the entry '" + name + "' twice");
                }
                if (entries.size() + 1 > limits.maxEntries()) {
                    throw new BundleException(source, "holds more than " + limits.maxEntries() + " entries");
                }
                byte[] content = inflate(zip, name, source, limits.maxEntryBytes(), limits.maxTotalBytes() - total);
                total += content.length;
                entries.put(name, content);
            }
        } catch (ZipException | IllegalArgumentException e) {
            // ZipInputStream reports a malformed entry name as IllegalArgumentException
            throw new BundleException(source, "is not a valid zip (truncated or corrupted?): " + e.getMessage(), e);
        } catch (IOException e) {
            throw new BundleException(source, "cannot be read as a zip (truncated?): " + e.getMessage(), e);
        }
        if (entries.isEmpty()) {
            throw new BundleException(source, "is not a bundle: it holds no zip entries");
        }
        return entries;
    }

    /** A zip ends with its end-of-central-directory record; a truncated file does not. */
    private static void requireEndRecord(byte[] bytes, String source) {
        if (bytes.length < END_RECORD_SIZE) {
            throw new BundleException(source, "is " + bytes.length + " bytes, too short to be a bundle (truncated?)");
        }
        ByteBuffer end = ByteBuffer.wrap(bytes, bytes.length - END_RECORD_SIZE, END_RECORD_SIZE)
                .order(ByteOrder.LITTLE_ENDIAN);
        if (end.getInt() != END_RECORD) {
            throw new BundleException(source, "does not end with a zip end record: truncated, or not a bundle");
        }
    }

    private static void checkName(String name, String source) {
        if (name.contains("..") || name.startsWith("/") || name.contains("\\") || name.contains(":")
                || name.indexOf('\0') >= 0 || name.contains("/")) {
            throw new BundleException(source, "holds the entry '" + printable(name)
                    + "', a path that could escape; a bundle holds only plain names");
        }
        if (!KNOWN.contains(name)) {
            throw new BundleException(source, "holds the unknown entry '" + printable(name) + "'");
        }
    }

    private static byte[] inflate(InputStream in, String name, String source, long maxEntry, long remaining)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        long read = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            read += n;
            if (read > maxEntry) {
                throw new BundleException(source, "entry '" + name + "' inflates beyond " + maxEntry
                        + " bytes (a zip bomb?)");
            }
            if (read > remaining) {
                throw new BundleException(source, "entries inflate beyond the total limit (a zip bomb?)");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
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
        if (format != ModelBundle.FORMAT) {
            throw new BundleException(source, "has bundle format " + format + "; this SDK reads format "
                    + ModelBundle.FORMAT + (format > ModelBundle.FORMAT ? " (written by a newer SDK?)" : ""));
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
                throw new BundleException(source, "lacks '" + printable(name) + "', which the manifest lists");
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

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String printable(String name) {
        StringBuilder text = new StringBuilder();
        name.codePoints().limit(100).forEach(c -> text.append(c < 0x20 || c == 0x7f
                ? String.format("\\u%04x", c) : new String(Character.toChars(c))));
        return text.toString();
    }

    /** Checks that a decoded model matches what the bundle's JSON says. */
    static void requireTask(Task actual, Task expected, String source) {
        if (actual != expected) {
            throw new BundleException(source, "the model is a " + actual + " but the signature says " + expected);
        }
    }
}
