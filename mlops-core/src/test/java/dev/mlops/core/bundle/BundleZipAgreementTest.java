package dev.mlops.core.bundle;

import static dev.mlops.core.bundle.ZipStructure.put16;
import static dev.mlops.core.bundle.ZipStructure.put32;
import static dev.mlops.core.bundle.ZipStructure.u32;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.pipeline.Training;
import dev.mlops.core.prep.Prep;
import dev.mlops.core.train.Algorithms;
import dev.mlops.core.train.Iris;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/**
 * A bundle must mean one thing to every zip reader: its central directory (what {@code unzip} and
 * {@code ZipFile} read) and its local headers (what a streaming reader reads) must agree, with no
 * bytes outside the entries, and its JSON must have one reading. Each test crafts one disagreement
 * into a real bundle and expects a refusal naming it.
 */
class BundleZipAgreementTest {

    private static final ModelBundle CART = Training.with(Algorithms.tribuo().cart().maxDepth(3))
            .fit(Iris.frame(), "species", Prep.chain());
    private static final byte[] BYTES = CART.toBytes();
    private static final byte[] OTHER = Training.with(Algorithms.tribuo().logisticRegression().epochs(2))
            .fit(Iris.frame(), "species", Prep.chain(Prep.standardize())).toBytes();

    @Test
    void theUnpatchedBundleLoads() {
        assertEquals(CART.metadata(), ModelBundle.fromBytes(BYTES, "plain").metadata());
    }

    @Test
    void aBundleWhoseCentralDirectoryIsGarbageIsRefused() {
        ZipStructure zip = ZipStructure.of(BYTES);
        byte[] patched = BYTES.clone();
        Arrays.fill(patched, zip.directory, zip.end, (byte) 0x5a);
        assertRefused(patched, "its zip central directory is damaged at offset " + zip.directory);
    }

    @Test
    void aCentralDirectoryDescribingAnotherBundlesEntriesIsRefused() {
        // the reviewer's file: local headers of bundle A, while unzip and ZipFile list B's sizes and CRCs
        ZipStructure a = ZipStructure.of(BYTES);
        ZipStructure b = ZipStructure.of(OTHER);
        byte[] patched = BYTES.clone();
        for (ZipStructure.Entry entry : a.entries) {
            ZipStructure.Entry other = b.entry(entry.name());
            for (int field : new int[] {ZipStructure.CENTRAL_CRC, ZipStructure.CENTRAL_SIZE}) {
                put32(patched, entry.central() + field, u32(OTHER, other.central() + field));
            }
        }
        assertRefused(patched, "entry 'manifest.json' has a zip data descriptor that is missing or differs from its"
                + " central directory record");
    }

    @Test
    void aBundleHiddenBeforeAnotherBundleIsRefused() {
        // A's entries, then all of B with its offsets moved: ZipFile reads B, a streaming reader A first
        ZipStructure a = ZipStructure.of(BYTES);
        byte[] polyglot = ZipStructure.of(OTHER).withBytesInserted(0, Arrays.copyOf(BYTES, a.directory));
        assertRefused(polyglot, "has " + a.directory + " bytes before its first zip entry");
    }

    @Test
    void prependedBytesAreRefused() {
        byte[] prefixed = ZipStructure.of(BYTES).withBytesInserted(0, "#!/bin/sh\nexit 0\n".getBytes(
                StandardCharsets.US_ASCII));
        assertRefused(prefixed, "has 17 bytes before its first zip entry");
    }

    @Test
    void aGapBetweenEntriesIsRefused() {
        ZipStructure zip = ZipStructure.of(BYTES);
        ZipStructure.Entry second = zip.entries.get(1);
        byte[] gapped = zip.withBytesInserted(second.local(), new byte[] {0, 0, 0, 0});
        assertRefused(gapped, "entry '" + second.name() + "' starts at offset " + (second.local() + 4)
                + ", not directly after the previous entry (offset " + second.local() + ")");
    }

    @Test
    void bytesBetweenTheLastEntryAndTheDirectoryAreRefused() {
        ZipStructure zip = ZipStructure.of(BYTES);
        byte[] padded = zip.withBytesInserted(zip.directory, new byte[9]);
        assertRefused(padded, "has 9 bytes between its last zip entry and its central directory");
    }

    @Test
    void aLocalEntryTheDirectoryDoesNotListIsRefused() {
        // drop the last record from the directory: its entry is still there for a streaming reader
        ZipStructure zip = ZipStructure.of(BYTES);
        ZipStructure.Entry last = zip.entries.get(zip.entries.size() - 1);
        byte[] hidden = new byte[BYTES.length - last.centralLength()];
        System.arraycopy(BYTES, 0, hidden, 0, last.central());
        System.arraycopy(BYTES, zip.end, hidden, last.central(), 22);
        int end = hidden.length - 22;
        put16(hidden, end + ZipStructure.END_ENTRIES, zip.entries.size() - 1);
        put16(hidden, end + ZipStructure.END_ENTRIES_ON_DISK, zip.entries.size() - 1);
        put32(hidden, end + ZipStructure.END_DIRECTORY_SIZE, last.central() - zip.directory);
        assertRefused(hidden, "has " + (last.end() - last.local()) + " bytes between its last zip entry and its"
                + " central directory");
    }

    @Test
    void entriesInAnotherOrderInTheDirectoryAreRefused() {
        ZipStructure zip = ZipStructure.of(BYTES);
        ZipStructure.Entry first = zip.entries.get(0);
        ZipStructure.Entry second = zip.entries.get(1);
        byte[] swapped = BYTES.clone();
        System.arraycopy(BYTES, second.central(), swapped, first.central(), second.centralLength());
        System.arraycopy(BYTES, first.central(), swapped, first.central() + second.centralLength(),
                first.centralLength());
        assertRefused(swapped, "has " + second.local() + " bytes before its first zip entry");
    }

    @Test
    void trailingBytesAndArchiveCommentsAreRefused() {
        byte[] trailing = Arrays.copyOf(BYTES, BYTES.length + 3);
        assertRefused(trailing, "does not end with a zip end record");
        byte[] commented = Arrays.copyOf(BYTES, BYTES.length + 5);
        put16(commented, BYTES.length - 22 + ZipStructure.END_COMMENT_LENGTH, 5);
        assertRefused(commented, "does not end with a zip end record");
        byte[] claimsComment = BYTES.clone();
        put16(claimsComment, BYTES.length - 22 + ZipStructure.END_COMMENT_LENGTH, 1);
        assertRefused(claimsComment, "has a zip archive comment");
    }

    @Test
    void aDirectoryRecordDisagreeingWithItsLocalHeaderIsRefused() {
        ZipStructure zip = ZipStructure.of(BYTES);
        ZipStructure.Entry model = zip.entry("model.bin");

        byte[] size = BYTES.clone();
        put32(size, model.central() + ZipStructure.CENTRAL_SIZE, u32(BYTES, model.central()
                + ZipStructure.CENTRAL_SIZE) + 1);
        assertRefused(size, "entry 'model.bin' has a zip data descriptor that is missing or differs");

        byte[] method = BYTES.clone();
        put16(method, model.central() + ZipStructure.CENTRAL_METHOD, 0);
        assertRefused(method, "entry 'model.bin' is stored but its compressed size");

        byte[] localMethod = BYTES.clone();
        put16(localMethod, model.local() + ZipStructure.LOCAL_METHOD, 0);
        assertRefused(localMethod, "entry 'model.bin' has a zip local header whose version, flags, method or time"
                + " differ");

        byte[] time = BYTES.clone();
        put16(time, model.central() + ZipStructure.CENTRAL_TIME, 0x1234);
        assertRefused(time, "entry 'model.bin' has a zip local header whose version, flags, method or time differ");

        byte[] name = BYTES.clone();
        name[model.local() + ZipStructure.LOCAL_NAME] = 'n';
        assertRefused(name, "entry 'model.bin' has another name in its zip local header ('nodel.bin')");

        byte[] offset = BYTES.clone();
        put32(offset, model.central() + ZipStructure.CENTRAL_LOCAL_OFFSET, model.local() + 1);
        assertRefused(offset, "entry 'model.bin' starts at offset " + (model.local() + 1));
    }

    @Test
    void aStoredBundleLoadsAndItsLocalHeaderMustAgreeWithoutADescriptor() {
        byte[] stored = stored(BundleZips.entries(BYTES));
        assertEquals(CART.metadata(), ModelBundle.fromBytes(stored, "stored").metadata());
        ZipStructure zip = ZipStructure.of(stored);
        ZipStructure.Entry model = zip.entry("model.bin");
        byte[] crc = stored.clone();
        crc[model.local() + ZipStructure.LOCAL_CRC] ^= 1;
        assertRefused(crc, "entry 'model.bin' has a zip local header whose CRC-32 or sizes");
    }

    @Test
    void aDataDescriptorDisagreeingWithTheDirectoryIsRefused() {
        ZipStructure.Entry model = ZipStructure.of(BYTES).entry("model.bin");
        byte[] patched = BYTES.clone();
        patched[model.descriptor() + ZipStructure.DESCRIPTOR_CRC] ^= 1;
        assertRefused(patched, "entry 'model.bin' has a zip data descriptor that is missing or differs");
    }

    @Test
    void aWrongCrcIsRefusedEvenWhenEveryHeaderAgreesOnIt() {
        ZipStructure.Entry model = ZipStructure.of(BYTES).entry("model.bin");
        byte[] patched = BYTES.clone();
        patched[model.descriptor() + ZipStructure.DESCRIPTOR_CRC] ^= 1;
        patched[model.central() + ZipStructure.CENTRAL_CRC] ^= 1;
        assertRefused(patched, "entry 'model.bin' fails its CRC-32 check");
    }

    @Test
    void anEntryInflatingToMoreOrLessThanItDeclaresIsRefused() {
        ZipStructure.Entry model = ZipStructure.of(BYTES).entry("model.bin");
        long size = u32(BYTES, model.central() + ZipStructure.CENTRAL_SIZE);
        assertRefused(withDeclaredSize(model, size - 1), "entry 'model.bin' inflates beyond the " + (size - 1)
                + " bytes its zip headers declare");
        assertRefused(withDeclaredSize(model, size + 1), "entry 'model.bin' inflates to " + size
                + " bytes, fewer than the " + (size + 1));
    }

    @Test
    void duplicateNamesAreRefused() {
        // metadata.json renamed to manifest.json in its local header and directory record alike
        ZipStructure.Entry metadata = ZipStructure.of(BYTES).entry("metadata.json");
        byte[] patched = BYTES.clone();
        byte[] name = "manifest.json".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(name, 0, patched, metadata.local() + ZipStructure.LOCAL_NAME, name.length);
        System.arraycopy(name, 0, patched, metadata.central() + ZipStructure.CENTRAL_NAME, name.length);
        assertRefused(patched, "holds the entry 'manifest.json' twice");
    }

    @Test
    void zip64IsRefused() {
        ZipStructure.Entry model = ZipStructure.of(BYTES).entry("model.bin");
        byte[] sentinel = BYTES.clone();
        put32(sentinel, model.central() + ZipStructure.CENTRAL_COMPRESSED, 0xFFFFFFFFL);
        assertRefused(sentinel, "entry 'model.bin' uses zip64");
        byte[] archive = BYTES.clone();
        put16(archive, BYTES.length - 22 + ZipStructure.END_ENTRIES, 0xFFFF);
        assertRefused(archive, "is a zip64 archive");
    }

    @Test
    void entryCommentsAndEncryptionAreRefused() {
        ZipStructure zip = ZipStructure.of(BYTES);
        ZipStructure.Entry first = zip.entries.get(0);
        byte[] encrypted = BYTES.clone();
        encrypted[first.central() + ZipStructure.CENTRAL_FLAGS] |= 1;
        assertRefused(encrypted, "entry 'manifest.json' is encrypted");

        byte[] commented = ZipStructure.insert(BYTES, first.central() + first.centralLength(), new byte[] {'h', 'i'});
        put16(commented, first.central() + ZipStructure.CENTRAL_COMMENT_LENGTH, 2);
        int end = commented.length - 22;
        put32(commented, end + ZipStructure.END_DIRECTORY_SIZE, zip.end - zip.directory + 2);
        assertRefused(commented, "entry 'manifest.json' has a zip entry comment");
    }

    @Test
    void repeatedJsonKeysAreRefused() {
        Map<String, byte[]> entries = new LinkedHashMap<>(BundleZips.entries(BYTES));
        String metadata = new String(entries.get("metadata.json"), StandardCharsets.UTF_8);
        entries.put("metadata.json", metadata.replaceFirst("\\{", "{\"algorithm\":\"other\",")
                .getBytes(StandardCharsets.UTF_8));
        assertRefused(BundleZips.withHonestManifest(entries, ModelBundle.FORMAT), "metadata.json is not valid JSON: Duplicate field"
                + " 'algorithm'");

        // the manifest itself: a second "format" after the first
        byte[] manifest = BundleZips.entries(BundleZips.withHonestManifest(BundleZips.entries(BYTES), ModelBundle.FORMAT))
                .get("manifest.json");
        String twice = new String(manifest, StandardCharsets.UTF_8).replace("\"format\":" + ModelBundle.FORMAT,
                "\"format\":1,\"format\":" + ModelBundle.FORMAT);
        Map<String, byte[]> withTwice = new LinkedHashMap<>(BundleZips.entries(BYTES));
        withTwice.put("manifest.json", twice.getBytes(StandardCharsets.UTF_8));
        assertRefused(BundleZips.zip(withTwice), "manifest.json is not valid JSON: Duplicate field 'format'");

        // two listings of the model, the first for other bytes
        String listedTwice = new String(manifest, StandardCharsets.UTF_8).replace("\"entries\":{",
                "\"entries\":{\"model.bin\":{\"sha256\":\"" + "0".repeat(64) + "\",\"bytes\":1},");
        Map<String, byte[]> withListedTwice = new LinkedHashMap<>(BundleZips.entries(BYTES));
        withListedTwice.put("manifest.json", listedTwice.getBytes(StandardCharsets.UTF_8));
        assertRefused(BundleZips.zip(withListedTwice), "manifest.json is not valid JSON: Duplicate field 'model.bin'");

        Map<String, byte[]> preparation = new LinkedHashMap<>(BundleZips.entries(BYTES));
        preparation.put("preparation.json", "{\"steps\":[],\"steps\":[]}".getBytes(StandardCharsets.UTF_8));
        assertRefused(BundleZips.withHonestManifest(preparation, ModelBundle.FORMAT), "Duplicate field 'steps'");
    }

    @Test
    void trailingJsonValuesAreRefused() {
        for (String name : List.of("metadata.json", "signature.json", "model.json", "preparation.json",
                "profile.json")) {
            Map<String, byte[]> entries = new LinkedHashMap<>(BundleZips.entries(BYTES));
            entries.put(name, (new String(entries.get(name), StandardCharsets.UTF_8) + " {}")
                    .getBytes(StandardCharsets.UTF_8));
            BundleException e = assertThrows(BundleException.class,
                    () -> ModelBundle.fromBytes(BundleZips.withHonestManifest(entries, ModelBundle.FORMAT), "crafted"), name);
            assertTrue(e.getMessage().contains("Trailing token"), e.getMessage());
        }
    }

    @Test
    void jsonThatIsNotUtf8IsRefused() {
        Map<String, byte[]> entries = new LinkedHashMap<>(BundleZips.entries(BYTES));
        byte[] metadata = entries.get("metadata.json");
        byte[] bad = Arrays.copyOf(metadata, metadata.length);
        int quote = new String(metadata, StandardCharsets.ISO_8859_1).indexOf("\"algorithm\"") + 1;
        bad[quote] = (byte) 0xC3; // a lead byte without its continuation
        entries.put("metadata.json", bad);
        assertRefused(BundleZips.withHonestManifest(entries, ModelBundle.FORMAT), "metadata.json is not UTF-8 text");
    }

    private static byte[] withDeclaredSize(ZipStructure.Entry entry, long size) {
        byte[] patched = BYTES.clone();
        put32(patched, entry.central() + ZipStructure.CENTRAL_SIZE, size);
        put32(patched, entry.descriptor() + ZipStructure.DESCRIPTOR_SIZE, size);
        return patched;
    }

    /** The entries as a zip of stored (uncompressed) entries, whose local headers carry sizes and CRCs. */
    static byte[] stored(Map<String, byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                ZipEntry stored = new ZipEntry(entry.getKey());
                stored.setMethod(ZipEntry.STORED);
                stored.setSize(entry.getValue().length);
                CRC32 crc = new CRC32();
                crc.update(entry.getValue());
                stored.setCrc(crc.getValue());
                zip.putNextEntry(stored);
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private static void assertRefused(byte[] bytes, String expected) {
        BundleException e = assertThrows(BundleException.class, () -> ModelBundle.fromBytes(bytes, "crafted"));
        assertTrue(e.getMessage().startsWith("crafted: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), () -> "expected '" + expected + "' in: " + e.getMessage());
    }

    @Test
    void theHelperPatchesOnlyWhatItSays() {
        ZipStructure zip = ZipStructure.of(BYTES);
        assertEquals(8, zip.entries.size(), "the manifest, six required entries and monitoring.json");
        assertEquals(0, zip.entries.get(0).local());
        assertEquals(zip.directory, zip.entries.get(zip.entries.size() - 1).end());
        assertArrayEquals(BYTES, ZipStructure.of(BYTES).withBytesInserted(0, new byte[0]));
    }
}
