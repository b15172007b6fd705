package dev.mlops.core.bundle;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Test helper: takes bundle zips apart and puts (possibly doctored) ones together. */
final class BundleZips {

    private BundleZips() {
    }

    static Map<String, byte[]> entries(byte[] zip) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    /** A zip of exactly these entries, in order. */
    static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A zip of these entries under a freshly computed manifest, as a forger who knows the format would write. */
    static byte[] withHonestManifest(Map<String, byte[]> entries, int format) {
        StringBuilder manifest = new StringBuilder("{\"kind\":\"mlops-model-bundle\",\"format\":" + format
                + ",\"entries\":{");
        String separator = "";
        for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
            if (entry.getKey().equals("manifest.json")) {
                continue;
            }
            manifest.append(separator).append('"').append(entry.getKey()).append("\":{\"sha256\":\"")
                    .append(sha256(entry.getValue())).append("\",\"bytes\":").append(entry.getValue().length).append('}');
            separator = ",";
        }
        manifest.append("}}");
        Map<String, byte[]> all = new LinkedHashMap<>();
        all.put("manifest.json", manifest.toString().getBytes(StandardCharsets.UTF_8));
        entries.forEach((name, bytes) -> {
            if (!name.equals("manifest.json")) {
                all.put(name, bytes);
            }
        });
        return zip(all);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
