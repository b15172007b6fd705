package dev.mlops.core.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.mlops.api.Features;
import dev.mlops.api.Frame;
import dev.mlops.api.InvalidInputException;
import dev.mlops.api.model.Model;
import dev.mlops.core.pipeline.Training;
import dev.mlops.core.prep.Prep;
import dev.mlops.core.train.Algorithms;
import dev.mlops.core.train.Iris;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.protos.core.ModelProto;

class ModelBundleTest {

    private static final Frame IRIS = Iris.frame();
    private static ModelBundle xgboost;
    private static byte[] xgboostBytes;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() {
        xgboost = Training.with(Algorithms.tribuo().xgboost().trees(25))
                .clock(Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC))
                .fit(IRIS, "species", Prep.chain(Prep.standardize()));
        xgboostBytes = xgboost.toBytes();
    }

    @Test
    void aSavedBundleLoadsWithEverythingItHeld() {
        Path file = dir.resolve("models/iris.bundle");
        xgboost.save(file);
        ModelBundle loaded = ModelBundle.load(file);
        assertEquals(xgboost.signature(), loaded.signature());
        assertEquals(xgboost.preparation(), loaded.preparation());
        assertEquals(xgboost.metadata(), loaded.metadata());
        assertEquals(xgboost.profile(), loaded.profile());
        assertEquals(xgboost.predict(IRIS), loaded.predict(IRIS));
        assertArrayEquals(xgboostBytes, loaded.toBytes(), "equal bundles give equal bytes");
        assertEquals(List.of("sepal_length", "sepal_width", "petal_length", "petal_width"),
                loaded.signature().inputs().names());
    }

    @Test
    void aLoadedBundlePredictsExactlyWhatTheTrainedOneDid() {
        for (ModelBundle trained : List.of(xgboost,
                Training.with(Algorithms.tribuo().logisticRegression()).fit(IRIS, "species", Prep.chain(Prep.standardize())),
                Training.with(Algorithms.tribuo().randomForestRegression().trees(10)).fit(IRIS.drop("species"),
                        "petal_width", Prep.chain()))) {
            Model loaded = ModelBundle.fromBytes(trained.toBytes(), "memory");
            List<String> inputs = trained.signature().inputs().names();
            qt().withExamples(300).forAll(lists().of(doubles().between(-5, 15)).ofSize(inputs.size()))
                    .checkAssert(values -> {
                        Features.Builder row = Features.builder();
                        for (int i = 0; i < inputs.size(); i++) {
                            row.set(inputs.get(i), values.get(i));
                        }
                        assertEquals(trained.predict(row.build()), loaded.predict(row.build()));
                    });
        }
    }

    @Test
    void aRequestMustNameEveryInputAndNothingElse() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> xgboost.predict(Features.of(
                "sepal_length", 5.1, "sepal_width", "wide", "petal_length", 1.4, "petal_widht", 0.2)));
        assertEquals(List.of("sepal_width", "petal_width", "petal_widht"),
                e.problems().stream().map(InvalidInputException.Problem::field).toList());
        InvalidInputException frame = assertThrows(InvalidInputException.class, () -> xgboost.predict(IRIS.drop("petal_width")));
        assertEquals("petal_width", frame.problems().get(0).field());
    }

    @Test
    void aTamperedEntryIsRefused() {
        Map<String, byte[]> entries = BundleZips.entries(xgboostBytes);
        byte[] model = entries.get("model.bin").clone();
        model[model.length / 2] ^= 0x01;
        entries.put("model.bin", model);
        BundleException e = assertThrows(BundleException.class,
                () -> ModelBundle.fromBytes(BundleZips.zip(entries), "tampered.bundle"));
        assertTrue(e.getMessage().startsWith("tampered.bundle: entry 'model.bin' does not match its checksum"),
                e.getMessage());

        Map<String, byte[]> signature = BundleZips.entries(xgboostBytes);
        signature.put("signature.json", new String(signature.get("signature.json"), StandardCharsets.UTF_8)
                .replace("setosa", "setosb").getBytes(StandardCharsets.UTF_8));
        assertThrows(BundleException.class, () -> ModelBundle.fromBytes(BundleZips.zip(signature), "edited"));
    }

    @Test
    void everyTruncationIsRefused() {
        for (int length = 0; length < xgboostBytes.length; length += Math.max(1, length / 50)) {
            byte[] cut = java.util.Arrays.copyOf(xgboostBytes, length);
            BundleException e = assertThrows(BundleException.class, () -> ModelBundle.fromBytes(cut, "cut"),
                    "truncated to " + length);
            assertTrue(e.getMessage().startsWith("cut: "), e.getMessage());
        }
        for (int length = xgboostBytes.length - 200; length < xgboostBytes.length; length++) {
            byte[] cut = java.util.Arrays.copyOf(xgboostBytes, length);
            assertThrows(BundleException.class, () -> ModelBundle.fromBytes(cut, "cut"), "truncated to " + length);
        }
    }

    @Test
    void randomBitFlipsAreRefusedNeverMisread() {
        qt().withExamples(300).forAll(integers().between(0, xgboostBytes.length * 8 - 1)).checkAssert(bit -> {
            byte[] flipped = xgboostBytes.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            try {
                ModelBundle loaded = ModelBundle.fromBytes(flipped, "flipped");
                // A flip in zip metadata that no check covers (a header time, say) may still load:
                // then the content must be exactly the original.
                assertEquals(xgboost.predict(IRIS), loaded.predict(IRIS), "bit " + bit);
                assertEquals(xgboost.metadata(), loaded.metadata());
            } catch (BundleException refused) {
                assertTrue(refused.getMessage().startsWith("flipped: "));
            }
        });
    }

    @Test
    void anUnknownFormatVersionIsRefusedEvenWhenConsistent() {
        Map<String, byte[]> entries = BundleZips.entries(xgboostBytes);
        BundleException e = assertThrows(BundleException.class,
                () -> ModelBundle.fromBytes(BundleZips.withHonestManifest(entries, 3), "future.bundle"));
        assertTrue(e.getMessage().contains("format 3; this SDK reads formats 1 to 2 (written by a newer SDK?)"),
                e.getMessage());
        ModelBundle.fromBytes(BundleZips.withHonestManifest(entries, 2), "rebuilt"); // the helper itself is sound
        BundleException zero = assertThrows(BundleException.class,
                () -> ModelBundle.fromBytes(BundleZips.withHonestManifest(entries, 0), "zero.bundle"));
        assertTrue(zero.getMessage().contains("format 0"), zero.getMessage());
    }

    @Test
    void aFormatOneBundleStillLoadsAndPredictsWithoutAMonitoringBaseline() {
        Map<String, byte[]> entries = new java.util.LinkedHashMap<>(BundleZips.entries(xgboostBytes));
        assertTrue(entries.containsKey("monitoring.json"), "format 2 writes the baseline");
        BundleException mixed = assertThrows(BundleException.class,
                () -> ModelBundle.fromBytes(BundleZips.withHonestManifest(entries, 1), "mixed.bundle"));
        assertTrue(mixed.getMessage().contains("is format 1 but holds monitoring.json"), mixed.getMessage());
        entries.remove("monitoring.json");
        ModelBundle old = ModelBundle.fromBytes(BundleZips.withHonestManifest(entries, 1), "format1.bundle");
        assertTrue(old.monitoring().isEmpty());
        assertEquals(xgboost.predict(IRIS), old.predict(IRIS));
        assertThrows(IllegalStateException.class, () -> old.withHeldOut(IRIS));
    }

    @Test
    void entryPathsThatCouldEscapeAreRefused() {
        for (String hostile : List.of("../evil.sh", "/etc/cron.d/x", "..\\evil.bat", "dir/model.bin", "C:model.bin",
                "model.bin\u0000.txt")) {
            Map<String, byte[]> entries = new LinkedHashMap<>(BundleZips.entries(xgboostBytes));
            entries.put(hostile, new byte[] {1});
            BundleException e = assertThrows(BundleException.class,
                    () -> ModelBundle.fromBytes(BundleZips.withHonestManifest(entries, ModelBundle.FORMAT), "hostile"), hostile);
            assertTrue(e.getMessage().contains("could escape"), e.getMessage());
        }
        Map<String, byte[]> extra = new LinkedHashMap<>(BundleZips.entries(xgboostBytes));
        extra.put("readme.txt", new byte[] {1});
        assertTrue(assertThrows(BundleException.class, () -> ModelBundle.fromBytes(
                BundleZips.withHonestManifest(extra, ModelBundle.FORMAT), "extra")).getMessage().contains("unknown entry 'readme.txt'"));
    }

    @Test
    void zipBombsAreStoppedWhileInflating() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>(BundleZips.entries(xgboostBytes));
        byte[] zeros = new byte[8 << 20];
        entries.put("profile.json", zeros);
        byte[] bomb = BundleZips.withHonestManifest(entries, ModelBundle.FORMAT);
        assertTrue(bomb.length < 100_000, "8 MiB of zeros deflate to " + bomb.length);
        Path file = Files.write(dir.resolve("bomb.bundle"), bomb);
        BundleException e = assertThrows(BundleException.class,
                () -> ModelBundle.load(file, new BundleLimits(32, 1 << 20, 4 << 20)));
        assertTrue(e.getMessage().contains("entry 'profile.json' inflates to 8388608 bytes, more than the limit of"
                + " 1048576 (a zip bomb"), e.getMessage());
        BundleException total = assertThrows(BundleException.class,
                () -> ModelBundle.load(file, new BundleLimits(32, 16 << 20, 4 << 20)));
        assertTrue(total.getMessage().contains("total limit"), total.getMessage());

        BundleException count = assertThrows(BundleException.class,
                () -> ModelBundle.load(xgboostFile(), new BundleLimits(3, 1 << 30, 1L << 31)));
        assertTrue(count.getMessage().contains("more than 3 entries"), count.getMessage());
    }

    private Path xgboostFile() throws IOException {
        return Files.write(dir.resolve("xgboost.bundle"), xgboostBytes);
    }

    @Test
    void aModelProtobufNamingANonTribuoClassIsRefusedBeforeLoading() {
        Map<String, byte[]> entries = new LinkedHashMap<>(BundleZips.entries(xgboostBytes));
        ModelProto gadget = ModelProto.newBuilder().setClassName("com.example.Gadget").setVersion(0).build();
        entries.put("model.bin", gadget.toByteArray());
        BundleException e = assertThrows(BundleException.class,
                () -> ModelBundle.fromBytes(BundleZips.withHonestManifest(entries, ModelBundle.FORMAT), "gadget"));
        assertTrue(e.getMessage().contains("'com.example.Gadget', which is not a Tribuo model"), e.getMessage());
    }

    @Test
    void aBundleFromAnotherXgboostVersionIsRefused() {
        Map<String, byte[]> entries = new LinkedHashMap<>(BundleZips.entries(xgboostBytes));
        String info = new String(entries.get("model.json"), StandardCharsets.UTF_8);
        assertTrue(info.contains("\"xgboost4j\" : \"3.4.0\""), info);
        entries.put("model.json", info.replace("\"xgboost4j\" : \"3.4.0\"", "\"xgboost4j\" : \"1.6.2\"")
                .getBytes(StandardCharsets.UTF_8));
        BundleException e = assertThrows(BundleException.class,
                () -> ModelBundle.fromBytes(BundleZips.withHonestManifest(entries, ModelBundle.FORMAT), "old"));
        assertTrue(e.getMessage().contains("xgboost4j 1.6.2 but this class path has 3.4.0"), e.getMessage());
    }

    @Test
    void notABundleAtAll() throws IOException {
        assertTrue(assertThrows(BundleException.class, () -> ModelBundle.load(dir.resolve("absent.bundle")))
                .getMessage().contains("no such file"));
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello, this is not a zip file at all".repeat(3));
        assertThrows(BundleException.class, () -> ModelBundle.load(text));
        Map<String, byte[]> noManifest = new LinkedHashMap<>(BundleZips.entries(xgboostBytes));
        noManifest.remove("manifest.json");
        assertTrue(assertThrows(BundleException.class, () -> ModelBundle.fromBytes(BundleZips.zip(noManifest), "x"))
                .getMessage().contains("no manifest.json"));
    }
}
