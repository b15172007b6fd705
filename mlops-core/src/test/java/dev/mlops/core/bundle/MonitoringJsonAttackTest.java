package dev.mlops.core.bundle;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Frame;
import dev.mlops.api.NumericColumn;
import dev.mlops.core.drift.ColumnDrift;
import dev.mlops.core.drift.DriftBaseline;
import dev.mlops.core.drift.DriftReport;
import dev.mlops.core.pipeline.Training;
import dev.mlops.core.prep.Prep;
import dev.mlops.core.prep.Unseen;
import dev.mlops.core.train.Algorithms;
import dev.mlops.core.train.Iris;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks on bundle format 2's monitoring.json: every bad baseline must be refused on load with a
 * BundleException naming monitoring.json (never another exception type, never an OOM), and a baseline that
 * loads must be usable.
 */
class MonitoringJsonAttackTest {

    /** Iris plus a categorical input "size", trained with Tribuo CART; signature inputs: 4 numbers and size. */
    static byte[] trained;
    static byte[] heldOut;
    static String heldOutMonitoring;

    static Frame frame() {
        Frame iris = Iris.frame();
        String[] size = IntStream.range(0, iris.rowCount())
                .mapToObj(i -> iris.numeric("petal_length").value(i) > 4 ? "large" : "small").toArray(String[]::new);
        return iris.withColumn(CategoricalColumn.of("size", size));
    }

    @BeforeAll
    static void bundles() {
        Frame frame = frame();
        ModelBundle bundle = Training.with(Algorithms.tribuo().cart()).fit(frame, "species",
                Prep.chain(Prep.oneHot(Unseen.IGNORE, "size")));
        trained = bundle.toBytes();
        ModelBundle withHeld = bundle.withHeldOut(frame.head(40));
        heldOut = withHeld.toBytes();
        heldOutMonitoring = withHeld.monitoring().orElseThrow().toJson();
    }

    /** The trained bundle with monitoring.json replaced, under an honest manifest of {@code format}. */
    static byte[] withMonitoring(String json, int format) {
        Map<String, byte[]> entries = new LinkedHashMap<>(BundleZips.entries(trained));
        entries.put("monitoring.json", json.getBytes(StandardCharsets.UTF_8));
        return BundleZips.withHonestManifest(entries, format);
    }

    /**
     * The trained bundle's honest inputs baseline with each of {@code columns} (raw JSON, possibly
     * broken) in place of the honest column of its name, or added when no input has that name: each
     * attack then breaks one thing only.
     */
    static String features(String... columns) {
        try {
            var honest = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                    ModelBundle.fromBytes(trained, "honest").monitoring().orElseThrow().features().toJson());
            Map<String, String> replacing = new LinkedHashMap<>();
            for (String column : columns) {
                java.util.regex.Matcher name = java.util.regex.Pattern.compile("\"name\":\"([^\"]*)\"").matcher(column);
                assertTrue(name.find(), column);
                replacing.put(name.group(1), column);
            }
            List<String> parts = new java.util.ArrayList<>();
            for (var node : honest.get("columns")) {
                String name = node.get("name").asText();
                parts.add(replacing.containsKey(name) ? replacing.remove(name) : node.toString());
            }
            parts.addAll(replacing.values());
            return "{\"columns\":[" + String.join(",", parts) + "]}";
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String monitoring(String features) {
        return "{\"features\":" + features + ",\"predictions\":null,\"calibration\":null,\"calibrator\":null,"
                + "\"heldOutRows\":0}";
    }

    static String labels(String name, String rows, String counts) {
        return "{\"name\":\"" + name + "\",\"numeric\":false,\"rows\":" + rows + ",\"missing\":0,\"sketch\":[],"
                + "\"counts\":" + counts + "}";
    }

    static String numbers(String name, String rows, String sketch) {
        return "{\"name\":\"" + name + "\",\"numeric\":true,\"rows\":" + rows + ",\"missing\":0,\"sketch\":" + sketch
                + ",\"counts\":{}}";
    }

    static String sketch(int points) {
        return IntStream.range(0, points).mapToObj(Integer::toString).collect(Collectors.joining(",", "[", "]"));
    }

    /** Loads and expects a BundleException that names monitoring.json; any other outcome fails. */
    static void refused(byte[] bytes, String why) {
        try {
            ModelBundle loaded = ModelBundle.fromBytes(bytes, "probe");
            fail(why + ": LOADED, monitoring = " + loaded.monitoring().map(Object::toString).orElse("none"));
        } catch (BundleException e) {
            assertTrue(e.getMessage().contains("monitoring"), why + ": refused but without naming monitoring.json: "
                    + e.getMessage());
        } catch (Throwable t) {
            fail(why + ": not a BundleException but " + t, t);
        }
    }

    // ---------------------------------------------------------------- refused already (checks that held)

    @Test
    void namesNotInTheSignatureDuplicateKeysDeepNestingNegativeCountsAndFormat1AreRefused() {
        refused(withMonitoring(monitoring(features(labels("nope", "1", "{\"a\":1}"))), 2), "column not an input");
        refused(withMonitoring(monitoring(features(labels("size", "2", "{\"a\":1,\"a\":1}"))), 2), "duplicate key");
        refused(withMonitoring("{\"features\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}", 2), "deep nesting");
        refused(withMonitoring(monitoring(features(labels("size", "-1", "{}"))), 2), "negative rows");
        refused(withMonitoring(monitoring(features(labels("size", "3", "{\"a\":-1,\"b\":4}"))), 2), "negative label");
        refused(withMonitoring(monitoring(features(numbers("sepal_length", "3", "[1,\"NaN\",2]"))), 2), "NaN sketch");
        refused(withMonitoring(monitoring(features(numbers("sepal_length", "3", "[3,2,1]"))), 2), "unsorted sketch");
        refused(withMonitoring(monitoring(features(labels("size", "99999999999999999999", "{\"a\":1}"))), 2),
                "rows beyond a long");
        refused(withMonitoring(monitoring(features(labels("size", "1", "{\"a\":1}"))), 1), "format 1 with monitoring");
        refused(withMonitoring(monitoring(features(labels("size", "1", "{\"a\":1}")))
                .replace("\"heldOutRows\":0", "\"heldOutRows\":0,\"extra\":1"), 2), "unknown key");
        refused(withMonitoring(monitoring(features(labels("size", "1", "{\"a\":1}"))) + " {}", 2), "trailing");
    }

    @Test
    void aCalibratorOfOnePointLoads() {
        String json = heldOutMonitoring.replaceAll("\"calibrator\":\\{[^}]*}",
                "\"calibrator\":{\"confidences\":[0.5],\"chances\":[0.7]}");
        assertTrue(json.contains("[0.5]"), json);
        ModelBundle loaded = assertDoesNotThrow(() -> ModelBundle.fromBytes(replaced(heldOut, json), "probe"));
        assertEquals(0.7, loaded.monitoring().orElseThrow().calibrator().apply(0.1));
    }

    static byte[] replaced(byte[] bundle, String monitoringJson) {
        Map<String, byte[]> entries = new LinkedHashMap<>(BundleZips.entries(bundle));
        entries.put("monitoring.json", monitoringJson.getBytes(StandardCharsets.UTF_8));
        return BundleZips.withHonestManifest(entries, 2);
    }

    // ---------------------------------------------------------------- bugs

    /** Label counts that add up past Long.MAX_VALUE wrap around to the declared rows (here 0). */
    @Test
    void labelCountsOverflowingALongAreRefused() {
        String counts = "{\"a\":9223372036854775807,\"b\":9223372036854775807,\"c\":2}"; // sums to 2^64 == 0
        refused(withMonitoring(monitoring(features(labels("size", "0", counts))), 2), "label counts overflow");
    }

    /** NaN, fractions and exponents are read into the long counts without complaint. */
    @Test
    void nonIntegerCountsAreRefused() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("rows 2.9", monitoring(features(labels("size", "2.9", "{\"a\":2}"))));
        cases.put("rows \"NaN\"", monitoring(features(labels("size", "\"NaN\"", "{}"))));
        cases.put("rows NaN (bare)", monitoring(features(labels("size", "NaN", "{}"))));
        cases.put("missing \"Infinity\"", monitoring(features(labels("size", "2", "{\"a\":2}")))
                .replace("\"missing\":0", "\"missing\":\"Infinity\""));
        cases.put("counts 1.9 + 1.9 = rows 2", monitoring(features(labels("size", "2", "{\"a\":1.9,\"b\":1.9}"))));
        cases.put("heldOutRows 0.4", monitoring(features(labels("size", "2", "{\"a\":2}")))
                .replace("\"heldOutRows\":0", "\"heldOutRows\":0.4"));
        List<String> loaded = new java.util.ArrayList<>();
        cases.forEach((what, json) -> {
            try {
                ModelBundle bundle = ModelBundle.fromBytes(withMonitoring(json, 2), "probe");
                loaded.add(what + " -> " + bundle.monitoring().orElseThrow().features().columns());
            } catch (BundleException e) {
                // refused: wanted
            }
        });
        assertEquals(List.of(), loaded, "loaded although not integer counts");
    }

    /** A probabilistic classifier's held-out baseline without its calibration and calibrator loads. */
    @Test
    void heldOutProbabilitiesWithoutCalibrationAreRefused() {
        String json = heldOutMonitoring.replaceAll("\"calibration\":\\{.*},\"heldOutRows\"",
                "\"calibration\":null,\"calibrator\":null,\"heldOutRows\"");
        assertTrue(json.contains("\"calibrator\":null"), json);
        refused(replaced(heldOut, json), "probability columns in the predictions baseline but no calibration");
    }

    /** The reader's contract: the JSON entries are checked before the model's decoder runs. */
    @Test
    void monitoringJsonIsCheckedBeforeTheModelIsDecoded() {
        Map<String, byte[]> entries = new LinkedHashMap<>(BundleZips.entries(trained));
        entries.put("monitoring.json", "{".getBytes(StandardCharsets.UTF_8));
        entries.put("model.bin", "not a model".getBytes(StandardCharsets.UTF_8));
        try {
            ModelBundle.fromBytes(BundleZips.withHonestManifest(entries, 2), "probe");
            fail("loaded");
        } catch (BundleException e) {
            assertTrue(e.getMessage().contains("monitoring"), "the model was decoded first: " + e.getMessage());
        }
    }

    /** The signature says sepal_length is numeric; the baseline says it is labels. */
    @Test
    void aBaselineOfTheWrongKindForAnInputIsRefused() {
        byte[] bytes = withMonitoring(monitoring(features(labels("sepal_length", "3", "{\"a\":3}"))), 2);
        try {
            ModelBundle loaded = ModelBundle.fromBytes(bytes, "probe");
            Frame live = frame().drop("species");
            DriftReport report = loaded.monitoring().orElseThrow().features().reference().compare(live);
            fail("loaded; drift report " + report);
        } catch (BundleException e) {
            // wanted
        } catch (RuntimeException e) {
            fail("loaded, then the drift check on live rows of the signature threw " + e, e);
        }
    }

    /** The features baseline may cover none of the inputs at all: monitoring silently watches nothing. */
    @Test
    void anEmptyFeaturesBaselineIsRefused() {
        refused(withMonitoring(monitoring("{\"columns\":[]}"), 2), "features baseline of no columns");
        assertDoesNotThrow(() -> ModelBundle.fromBytes(withMonitoring(monitoring(features()), 2), "honest"),
                "the honest baseline through these helpers loads");
    }

    /** The documented sketch is at most 2,001 values, and all of them when there are at most 2,001. */
    @Test
    void aSketchLongerThanItsBoundIsRefused() {
        refused(withMonitoring(monitoring(features(numbers("sepal_length", "100000000", sketch(200_000)))), 2),
                "sketch of 200,000 points");
    }

    @Test
    void aSmallColumnsSketchMustHoldEveryValue() {
        refused(withMonitoring(monitoring(features(numbers("sepal_length", "150", "[5.0]"))), 2),
                "150 rows but a sketch of 1 point (must hold all 150)");
    }

    /** Counts valid as longs but beyond an int are truncated by DriftReference: (int) 2^32 == 0. */
    @Test
    void labelCountsBeyondAnIntAreRefused() {
        String counts = "{\"large\":2147483648,\"small\":2147483648}"; // 2^32 in all
        ModelBundle loaded;
        try {
            loaded = ModelBundle.fromBytes(withMonitoring(monitoring(features(labels("size", "4294967296", counts))),
                    2), "probe");
        } catch (BundleException refusedOnLoad) {
            return; // refusing such counts would be a fix too
        }
        Frame live = Frame.of(CategoricalColumn.of("size", "zzz", "zzz", "zzz", "zzz", "zzz", "zzz", "zzz", "zzz",
                "zzz", "zzz", "zzz", "zzz", "zzz", "zzz", "zzz", "zzz", "zzz", "zzz", "zzz", "zzz", "zzz", "zzz",
                "zzz", "zzz", "zzz", "zzz", "zzz", "zzz", "zzz", "zzz", "zzz", "zzz", "zzz", "zzz", "zzz", "zzz"));
        ColumnDrift drift = loaded.monitoring().orElseThrow().features().reference().compare(live).columns().get(0);
        assertTrue(drift.drifted(), "every live value is a category the reference never had, yet: " + drift);
    }

    /** A numeric column's full row count beyond an int becomes a negative reference count. */
    @Test
    void numericRowsBeyondAnIntAreRefused() {
        ModelBundle loaded;
        try {
            loaded = ModelBundle.fromBytes(withMonitoring(monitoring(features(numbers("sepal_length", "3000000000",
                    sketch(2001)))), 2), "probe");
        } catch (BundleException refusedOnLoad) {
            return;
        }
        Frame live = Frame.of(NumericColumn.of("sepal_length", 1, 2, 3, 4, 5));
        try {
            ColumnDrift drift = loaded.monitoring().orElseThrow().features().reference().compare(live).columns().get(0);
            assertTrue(drift.referenceCount() >= 0, "reference count " + drift.referenceCount() + " in " + drift);
        } catch (RuntimeException e) {
            fail("compare threw " + e, e);
        }
    }

    /** The calibration record has no checks at all: NaN / negative errors, negative rows, no bins. */
    @Test
    void anInconsistentCalibrationIsRefused() {
        String garbage = "\"calibration\":{\"bins\":[],\"expectedCalibrationError\":-5.0,"
                + "\"maxCalibrationError\":\"NaN\",\"rows\":-7}";
        String json = heldOutMonitoring.replaceAll("\"calibration\":\\{\"bins\":\\[.*?]," 
                + "\"expectedCalibrationError\":[^,]*,\"maxCalibrationError\":[^,]*,\"rows\":\\d+}", garbage);
        assertTrue(json.contains("-5.0"), json);
        refused(replaced(heldOut, json), "calibration with ECE -5, max NaN, -7 rows and no bins");
    }

    /** The held-out predictions baseline is not checked against the signature's task and labels. */
    @Test
    void aPredictionsBaselineOfOtherColumnsIsRefused() {
        String json = heldOutMonitoring.replaceFirst("\"predictions\":\\{\"columns\":\\[.*?]},\"calibration\"",
                "\"predictions\":{\"columns\":[" + numbers("bogus", "40", "[1.0]").replace("\"rows\":40",
                        "\"rows\":1") + "]},\"calibration\"");
        assertTrue(json.contains("bogus"), json);
        refused(replaced(heldOut, json), "predictions baseline of a column 'bogus' for a classifier of species");
    }

    /** heldOutRows, the calibration's rows and the predictions baseline's rows may all disagree. */
    @Test
    void heldOutRowCountsMustAgree() {
        String json = heldOutMonitoring.replace("\"heldOutRows\":40", "\"heldOutRows\":123456");
        assertTrue(json.contains("123456"), json);
        refused(replaced(heldOut, json), "heldOutRows 123456 while the calibration and predictions have 40 rows");
    }

    /**
     * A monitoring.json within the default limits of a 128 MiB heap (12.8 MB) that exhausts that heap when
     * parsed: a zip of ~40 KB. Run in a child JVM so the probe cannot starve the test JVM. BundleReader's own
     * comment: "Under the default limits the heap does not run out".
     */
    @Test
    void aSmallZipCannotMakeMonitoringJsonExhaustTheHeap(@TempDir Path dir) throws Exception {
        long limit = (128L << 20) / 10; // defaults() at -Xmx128m, approximately
        int points = (int) ((limit - 200_000) / 2); // "0," per point
        StringBuilder json = new StringBuilder(points * 2 + 300);
        json.append("{\"features\":{\"columns\":[{\"name\":\"sepal_length\",\"numeric\":true,\"rows\":")
                .append(Long.MAX_VALUE).append(",\"missing\":0,\"sketch\":[");
        for (int i = 0; i < points; i++) {
            json.append(i == 0 ? "0" : ",0");
        }
        json.append("],\"counts\":{}}]},\"predictions\":null,\"calibration\":null,\"calibrator\":null,"
                + "\"heldOutRows\":0}");
        byte[] bundle = withMonitoring(json.toString(), 2);
        Path file = dir.resolve("hostile.bundle");
        Files.write(file, bundle);
        Path control = dir.resolve("control.bundle");
        Files.write(control, trained);
        String controlOut = child(control);
        assertTrue(controlOut.contains("OUTCOME loaded"), "control: the honest bundle loads at -Xmx128m: " + controlOut);
        String out = child(file);
        assertFalse(out.contains("ran out of heap") || out.contains("OutOfMemoryError"),
                "a bundle of " + bundle.length + " bytes (monitoring.json " + json.length() + " chars) within the"
                        + " default limits exhausted the heap: " + out);
    }

    static String child(Path file) throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", System.getProperty("java.class.path"), HeapProbeMain.class.getName(),
                file.toString()).redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(300, TimeUnit.SECONDS));
        return out;
    }

    /** Child-JVM entry point for the heap probe. */
    public static final class HeapProbeMain {
        public static void main(String[] args) {
            System.out.println("limits " + BundleLimits.defaults() + " heap " + Runtime.getRuntime().maxMemory());
            try {
                ModelBundle.load(Path.of(args[0]));
                System.out.println("OUTCOME loaded");
            } catch (Throwable t) {
                System.out.println("OUTCOME " + t);
            }
        }
    }

    @Test
    void theAttacksJsonHasTheWritersShape() {
        assertEquals(List.of("sepal_length", "sepal_width", "petal_length", "petal_width", "size"),
                DriftBaseline.fromJson(features(labels("size", "1", "{\"a\":1}"))).names());
        assertEquals(ModelBundle.fromBytes(heldOut, "held").monitoring().orElseThrow(),
                dev.mlops.core.bundle.MonitoringBaseline.fromJson(heldOutMonitoring));
    }
}
