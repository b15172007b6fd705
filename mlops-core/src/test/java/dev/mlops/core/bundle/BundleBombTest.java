package dev.mlops.core.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.pipeline.Training;
import dev.mlops.core.prep.Prep;
import dev.mlops.core.train.Algorithms;
import dev.mlops.core.train.Iris;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reviewer's zip bomb under the real default limits: a bundle of about 1 MB whose model entry
 * inflates to 1 GiB of zeros, with a manifest that truthfully lists that entry's SHA-256, so only
 * the limits stand between it and the heap. It is generated here into a temporary directory, never
 * committed. Before the fix it ended in an OutOfMemoryError at {@code -Xmx2g}.
 */
class BundleBombTest {

    private static final long GIBIBYTE = 1L << 30;

    @TempDir
    static Path dir;

    private static Path honest;
    private static Path lying;

    @BeforeAll
    static void writeBombs() throws IOException {
        Map<String, byte[]> entries = BundleZips.entries(Training.with(Algorithms.tribuo().cart().maxDepth(2))
                .fit(Iris.frame(), "species", Prep.chain()).toBytes());
        honest = dir.resolve("bomb.bundle");
        writeBomb(honest, entries);
        // the same bomb with headers that understate the model's size: inflation must stop at what they say
        byte[] bytes = Files.readAllBytes(honest);
        ZipStructure.Entry model = ZipStructure.of(bytes).entry("model.bin");
        ZipStructure.put32(bytes, model.central() + ZipStructure.CENTRAL_SIZE, 1_000);
        ZipStructure.put32(bytes, model.descriptor() + ZipStructure.DESCRIPTOR_SIZE, 1_000);
        lying = Files.write(dir.resolve("lying.bundle"), bytes);
    }

    @Test
    void aOneMegabyteBundleInflatingToOneGibibyteIsRefusedUnderTheDefaultLimits() throws IOException {
        long size = Files.size(honest);
        assertTrue(size < 2_000_000, "the bomb is " + size + " bytes on disk");
        BundleLimits defaults = BundleLimits.defaults();
        assertTrue(defaults.maxEntryBytes() < GIBIBYTE, "the defaults of this heap admit a GiB: " + defaults);

        BundleException e = assertThrows(BundleException.class, () -> ModelBundle.load(honest));
        assertTrue(e.getMessage().endsWith("entry 'model.bin' inflates to 1073741824 bytes, more than the limit of "
                + defaults.maxEntryBytes() + " (a zip bomb, or a model too large for these BundleLimits, whose"
                + " defaults grow with the heap)"), e.getMessage());

        BundleException understated = assertThrows(BundleException.class, () -> ModelBundle.load(lying));
        assertTrue(understated.getMessage().endsWith("entry 'model.bin' inflates beyond the 1000 bytes its zip headers"
                + " declare (a zip bomb?)"), understated.getMessage());
    }

    @Test
    void theOneGibibyteBombIsRefusedInAChildJvmWithA96MegabyteHeap() throws Exception {
        List<String> lines = probe(honest.toString(), lying.toString());
        assertEquals(2, lines.size(), String.join("\n", lines));
        // the defaults of a 96 MB heap are a tenth of it
        assertTrue(lines.get(0).startsWith("BundleException: " + honest + ": entry 'model.bin' inflates to"
                + " 1073741824 bytes, more than the limit of "), lines.get(0));
        assertTrue(lines.get(1).startsWith("BundleException: " + lying + ": entry 'model.bin' inflates beyond the"
                + " 1000 bytes"), lines.get(1));
    }

    @Test
    void explicitLimitsBeyondTheHeapEndInABundleExceptionNotAnError() throws Exception {
        List<String> lines = probe("--limits=32," + GIBIBYTE + "," + 2 * GIBIBYTE, honest.toString());
        assertEquals(1, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).startsWith("BundleException: " + honest + ": ran out of heap while it was loaded (the"
                + " heap is at most "), lines.get(0));
    }

    /** The lines a child JVM with a 96 MB heap prints for {@link BundleLoadProbe} with {@code args}. */
    private static List<String> probe(String... args) throws Exception {
        Path out = Files.createTempFile(dir, "probe", ".out");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx96m", "-cp", System.getProperty("java.class.path"), BundleLoadProbe.class.getName()));
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the probe did not finish");
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.startsWith("SLF4J")).toList();
        assertEquals(0, child.exitValue(), String.join("\n", lines));
        return lines;
    }

    /** Streams the entries with the model replaced by a GiB of zeros, under an honest manifest. */
    private static void writeBomb(Path file, Map<String, byte[]> entries) throws IOException {
        byte[] zeros = new byte[1 << 20];
        MessageDigest sha256 = sha256();
        for (long written = 0; written < GIBIBYTE; written += zeros.length) {
            sha256.update(zeros);
        }
        Map<String, BundleZips.Listing> listed = new LinkedHashMap<>();
        entries.forEach((name, bytes) -> listed.put(name, BundleZips.Listing.of(bytes)));
        listed.remove("manifest.json");
        listed.put("model.bin", new BundleZips.Listing(HexFormat.of().formatHex(sha256.digest()), GIBIBYTE));
        try (OutputStream out = Files.newOutputStream(file);
                ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(out))) {
            zip.putNextEntry(new ZipEntry("manifest.json"));
            zip.write(BundleZips.manifest(listed, 1));
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                if (entry.getKey().equals("manifest.json")) {
                    continue;
                }
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                if (entry.getKey().equals("model.bin")) {
                    for (long written = 0; written < GIBIBYTE; written += zeros.length) {
                        zip.write(zeros);
                    }
                } else {
                    zip.write(entry.getValue());
                }
                zip.closeEntry();
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
