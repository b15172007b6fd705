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

    /** How a manifest lists one entry. */
    record Listing(String sha256, long bytes) {
        static Listing of(byte[] content) {
            return new Listing(BundleZips.sha256(content), content.length);
        }
    }

    /** A manifest listing these entries, as a forger who knows the format would write it. */
    static byte[] manifest(Map<String, Listing> listed, int format) {
        StringBuilder manifest = new StringBuilder("{\"kind\":\"mlops-model-bundle\",\"format\":" + format
                + ",\"entries\":{");
        String separator = "";
        for (Map.Entry<String, Listing> entry : listed.entrySet()) {
            manifest.append(separator).append('"').append(entry.getKey()).append("\":{\"sha256\":\"")
                    .append(entry.getValue().sha256()).append("\",\"bytes\":").append(entry.getValue().bytes())
                    .append('}');
            separator = ",";
        }
        manifest.append("}}");
        return manifest.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A zip of these entries under a freshly computed manifest, as a forger who knows the format would write. */
    static byte[] withHonestManifest(Map<String, byte[]> entries, int format) {
        Map<String, Listing> listed = new LinkedHashMap<>();
        Map<String, byte[]> all = new LinkedHashMap<>();
        all.put("manifest.json", null); // first in the zip, filled in once the others are listed
        entries.forEach((name, bytes) -> {
            if (!name.equals("manifest.json")) {
                listed.put(name, Listing.of(bytes));
                all.put(name, bytes);
            }
        });
        all.put("manifest.json", manifest(listed, format));
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
