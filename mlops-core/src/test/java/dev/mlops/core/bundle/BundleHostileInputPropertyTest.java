package dev.mlops.core.bundle;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.mlops.core.pipeline.Training;
import dev.mlops.core.prep.Prep;
import dev.mlops.core.train.Algorithms;
import dev.mlops.core.train.Iris;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Whatever bytes arrive as a bundle, loading answers with a bundle or a BundleException, nothing else. */
class BundleHostileInputPropertyTest {

    private static final Map<String, byte[]> ENTRIES = BundleZips.entries(Training.with(
            Algorithms.tribuo().cart().maxDepth(3)).fit(Iris.frame(), "species", Prep.chain()).toBytes());

    @Test
    void arbitraryBytesAreRefusedCleanly() {
        qt().withExamples(500).forAll(lists().of(integers().between(0, 255)).ofSizeBetween(0, 3000)).checkAssert(values -> {
            byte[] bytes = new byte[values.size()];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (int) values.get(i);
            }
            refusedCleanly(bytes);
        });
    }

    @Test
    void zipsOfArbitraryEntriesAreRefusedCleanly() {
        // names without lone surrogates, which no zip writer can store
        qt().withExamples(300).forAll(lists().of(strings().betweenCodePoints(0, 0xD7FF).ofLengthBetween(0, 12))
                .ofSizeBetween(1, 6),
                strings().allPossible().ofLengthBetween(0, 200)).checkAssert((names, content) -> {
                    Map<String, byte[]> entries = new LinkedHashMap<>();
                    for (String name : names) {
                        if (!name.isEmpty()) {
                            entries.put(name, content.getBytes(StandardCharsets.UTF_8));
                        }
                    }
                    if (!entries.isEmpty()) {
                        refusedCleanly(BundleZips.withHonestManifest(entries, ModelBundle.FORMAT));
                    }
                });
    }

    @Test
    void anyEntryReplacedByArbitraryTextUnderAnHonestManifestIsRefusedCleanly() {
        List<String> names = List.copyOf(ENTRIES.keySet().stream().filter(n -> !n.equals("manifest.json")).toList());
        qt().withExamples(300).forAll(integers().between(0, names.size() - 1),
                strings().allPossible().ofLengthBetween(0, 300)).checkAssert((which, text) -> {
                    Map<String, byte[]> entries = new LinkedHashMap<>(ENTRIES);
                    entries.put(names.get(which), text.getBytes(StandardCharsets.UTF_8));
                    refusedCleanly(BundleZips.withHonestManifest(entries, ModelBundle.FORMAT));
                });
    }

    /** None of these inputs is a bundle: each must be refused, with a message naming its source. */
    private static void refusedCleanly(byte[] bytes) {
        BundleException refused = assertThrows(BundleException.class, () -> ModelBundle.fromBytes(bytes, "hostile"));
        assertTrue(refused.getMessage().startsWith("hostile: "), refused.getMessage());
    }
}
