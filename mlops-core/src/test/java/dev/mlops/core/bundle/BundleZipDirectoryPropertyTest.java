package dev.mlops.core.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.mlops.api.Prediction;
import dev.mlops.core.pipeline.Training;
import dev.mlops.core.prep.Prep;
import dev.mlops.core.train.Algorithms;
import dev.mlops.core.train.Iris;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Any single byte changed in a bundle's central directory or end record is either refused with a
 * BundleException, or leaves a file that {@code java.util.zip.ZipFile} (which reads the central
 * directory, as {@code unzip} does) reads as exactly the entries the loader used: the same names in
 * the same order, sizes, compressed sizes, CRCs and contents. The loader used the original entries
 * whenever it loads, since their SHA-256 checksums are verified against the manifest.
 */
class BundleZipDirectoryPropertyTest {

    private static final ModelBundle BUNDLE = Training.with(Algorithms.tribuo().cart().maxDepth(3))
            .fit(Iris.frame(), "species", Prep.chain());
    private static final byte[] BYTES = BUNDLE.toBytes();
    private static final List<Prediction> PREDICTIONS = BUNDLE.predict(Iris.frame());
    private static final int DIRECTORY = ZipStructure.of(BYTES).directory;

    @TempDir
    Path dir;

    /** An entry as ZipFile lists and reads it. */
    private record Listed(String name, long size, long compressedSize, long crc, int method, byte[] content) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Listed other && name.equals(other.name) && size == other.size
                    && compressedSize == other.compressedSize && crc == other.crc && method == other.method
                    && java.util.Arrays.equals(content, other.content);
        }

        @Override
        public int hashCode() {
            return name.hashCode();
        }
    }

    @Test
    void anyByteChangedInTheDirectoryOrEndRecordIsRefusedOrReadAlikeByZipFile() {
        List<Listed> original = listed(BYTES);
        int[] loaded = new int[1];
        qt().withExamples(1_000).forAll(integers().between(DIRECTORY, BYTES.length - 1), integers().between(1, 255))
                .checkAssert((at, delta) -> {
                    byte[] changed = BYTES.clone();
                    changed[at] = (byte) (changed[at] + delta);
                    ModelBundle bundle;
                    try {
                        bundle = ModelBundle.fromBytes(changed, "changed");
                    } catch (BundleException refused) {
                        assertTrue(refused.getMessage().startsWith("changed: "), refused.getMessage());
                        return;
                    }
                    loaded[0]++;
                    assertEquals(original, listed(changed), "byte " + at + " + " + delta);
                    assertEquals(BUNDLE.metadata(), bundle.metadata());
                    assertEquals(PREDICTIONS, bundle.predict(Iris.frame()));
                });
        // the fields no reader checks (version made by, attributes) leave loadable files: the property saw some
        assertTrue(loaded[0] > 0, "no changed bundle loaded, so the ZipFile comparison never ran");
    }

    private List<Listed> listed(byte[] bytes) {
        try {
            Path file = Files.write(dir.resolve("changed.zip"), bytes);
            List<Listed> entries = new ArrayList<>();
            try (ZipFile zip = new ZipFile(file.toFile())) {
                for (Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements(); ) {
                    ZipEntry entry = all.nextElement();
                    byte[] content = zip.getInputStream(entry).readAllBytes();
                    entries.add(new Listed(entry.getName(), entry.getSize(), entry.getCompressedSize(),
                            entry.getCrc(), entry.getMethod(), content));
                }
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
