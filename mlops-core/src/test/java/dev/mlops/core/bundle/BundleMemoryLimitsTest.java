package dev.mlops.core.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.pipeline.Training;
import dev.mlops.core.prep.Prep;
import dev.mlops.core.train.Algorithms;
import dev.mlops.core.train.Iris;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading never holds more than the limits allow, and every refusal is a BundleException: sizes are
 * checked from the zip's directory before anything is inflated, files are checked before they are
 * read, and only regular files are opened. The limits here are small and explicit where the test is
 * about a limit, so the tests stay cheap; {@link BundleBombTest} uses the real defaults.
 */
class BundleMemoryLimitsTest {

    private static final byte[] BYTES = Training.with(Algorithms.tribuo().cart().maxDepth(3))
            .fit(Iris.frame(), "species", Prep.chain()).toBytes();

    @TempDir
    Path dir;

    @Test
    void twoGibibyteEntriesAreRefusedBeforeEitherIsInflated() {
        // headers declaring 400 MiB for two entries, over data that is not even valid deflate: the refusal
        // comes from the declared sizes, so nothing was inflated (before the fix, 3.6 GB were resident)
        byte[] patched = BYTES.clone();
        ZipStructure zip = ZipStructure.of(patched);
        for (String name : new String[] {"profile.json", "model.bin"}) {
            ZipStructure.Entry entry = zip.entry(name);
            ZipStructure.put32(patched, entry.central() + ZipStructure.CENTRAL_SIZE, 400L << 20);
            ZipStructure.put32(patched, entry.descriptor() + ZipStructure.DESCRIPTOR_SIZE, 400L << 20);
            java.util.Arrays.fill(patched, entry.data(), entry.data() + entry.compressedSize(), (byte) 0xff);
        }
        BundleException e = assertThrows(BundleException.class,
                () -> ModelBundle.fromBytes(patched, "two", new BundleLimits(32, 512L << 20, 512L << 20)));
        assertEquals("two: its entries inflate to more than the total limit of 536870912 bytes (a zip bomb, or a model"
                + " too large for these BundleLimits, whose defaults grow with the heap)",
                e.getMessage());
        BundleException entry = assertThrows(BundleException.class,
                () -> ModelBundle.fromBytes(patched, "one", new BundleLimits(32, 300L << 20, 1L << 40)));
        assertTrue(entry.getMessage().endsWith("entry 'profile.json' inflates to 419430400 bytes, more than the limit"
                + " of 314572800 (a zip bomb, or a model too large for these BundleLimits, whose defaults grow with the"
                + " heap)"), entry.getMessage());
    }

    @Test
    void aFileOfTwoGibibytesIsRefusedBeforeItIsRead() throws IOException {
        Path huge = dir.resolve("huge.bundle");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(2_147_483_648L); // sparse: no disk is used
        }
        BundleLimits defaults = BundleLimits.defaults();
        BundleException e = assertThrows(BundleException.class, () -> ModelBundle.load(huge));
        assertEquals(huge + ": is 2147483648 bytes, more than the limit of " + defaults.maxFileBytes()
                + " for a bundle file", e.getMessage());
    }

    @Test
    void aFileOverTheLimitIsRefusedFromDiskAndFromMemory() throws IOException {
        BundleLimits small = new BundleLimits(32, 100, 100);
        Path file = Files.write(dir.resolve("small.bundle"), new byte[(int) small.maxFileBytes() + 1]);
        assertTrue(assertThrows(BundleException.class, () -> ModelBundle.load(file, small)).getMessage()
                .endsWith("more than the limit of " + small.maxFileBytes() + " for a bundle file"));
        assertTrue(assertThrows(BundleException.class, () -> ModelBundle.fromBytes(Files.readAllBytes(file), "m",
                small)).getMessage().endsWith("more than the limit of " + small.maxFileBytes() + " for a bundle file"));
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void devZeroIsRefusedUnopened() {
        BundleException e = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> assertThrows(BundleException.class, () -> ModelBundle.load(Path.of("/dev/zero"))));
        assertEquals("/dev/zero: is a device, FIFO or socket, not a regular file; a bundle is a file", e.getMessage());
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void aFifoIsRefusedWithoutBlocking() throws Exception {
        Path fifo = dir.resolve("pipe.bundle");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertTrue(mkfifo.waitFor(30, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo failed");
        BundleException e = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> assertThrows(BundleException.class, () -> ModelBundle.load(fifo)));
        assertTrue(e.getMessage().endsWith("is a device, FIFO or socket, not a regular file; a bundle is a file"),
                e.getMessage());
    }

    @Test
    void aDirectoryIsRefused() {
        BundleException e = assertThrows(BundleException.class, () -> ModelBundle.load(dir));
        assertEquals(dir + ": is a directory, not a regular file; a bundle is a file", e.getMessage());
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void aSymbolicLinkIsFollowedOnlyToARegularFile() throws IOException {
        Path bundle = Files.write(dir.resolve("real.bundle"), BYTES);
        Path link = Files.createSymbolicLink(dir.resolve("link.bundle"), bundle);
        assertEquals(ModelBundle.load(bundle).metadata(), ModelBundle.load(link).metadata());

        Path toDevice = Files.createSymbolicLink(dir.resolve("zero.bundle"), Path.of("/dev/zero"));
        assertTrue(assertThrows(BundleException.class, () -> ModelBundle.load(toDevice)).getMessage()
                .endsWith("is a device, FIFO or socket, not a regular file; a bundle is a file"));
        Files.delete(toDevice); // so the temp-dir cleanup need not warn about a link leading outside it
        Path dangling = Files.createSymbolicLink(dir.resolve("gone.bundle"), dir.resolve("absent"));
        assertEquals(dangling + ": no such file", assertThrows(BundleException.class,
                () -> ModelBundle.load(dangling)).getMessage());
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aFileLongerThanItsReportedSizeIsRefused() {
        // /proc files are regular files that report a size of 0 and yet have content
        Path status = Path.of("/proc/self/status");
        BundleException e = assertThrows(BundleException.class, () -> ModelBundle.load(status));
        assertTrue(e.getMessage().endsWith("holds more than the 0 bytes its size says (it grew while it was read, or"
                + " it is not an ordinary file)"), e.getMessage());
    }

    @Test
    void theDefaultLimitsAreATenthOfTheHeapAtMost512MiB() {
        long expected = Math.min(512L << 20, Runtime.getRuntime().maxMemory() / 10);
        assertEquals(new BundleLimits(32, expected, expected), BundleLimits.defaults());
        assertThrows(IllegalArgumentException.class, () -> new BundleLimits(1, Integer.MAX_VALUE, 1));
    }

    @Test
    void aSmallModelLoadsUnderSmallExplicitLimits() {
        Map<String, Long> sizes = new LinkedHashMap<>();
        BundleZips.entries(BYTES).forEach((name, content) -> sizes.put(name, (long) content.length));
        long largest = sizes.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        long total = sizes.values().stream().mapToLong(Long::longValue).sum();
        ModelBundle.fromBytes(BYTES, "exact", new BundleLimits(sizes.size(), largest, total));
        assertThrows(BundleException.class,
                () -> ModelBundle.fromBytes(BYTES, "short", new BundleLimits(sizes.size(), largest, total - 1)));
        assertThrows(BundleException.class,
                () -> ModelBundle.fromBytes(BYTES, "short", new BundleLimits(sizes.size(), largest - 1, total)));
        assertThrows(BundleException.class,
                () -> ModelBundle.fromBytes(BYTES, "short", new BundleLimits(sizes.size() - 1, largest, total)));
    }
}
