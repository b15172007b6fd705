package dev.mlops.api;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.tracking.ArtifactKind;
import dev.mlops.api.tracking.MetricSummary;
import dev.mlops.api.tracking.ModelVersion;
import dev.mlops.api.tracking.Review;
import dev.mlops.api.tracking.ReviewState;
import dev.mlops.api.tracking.RunInfo;
import dev.mlops.api.tracking.RunStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Review probes for the readable toString methods: never throw, stay short, one line per row. */
class ToStringHostileValuesTest {

    @Test
    void probeFrameHostileNumbersDoNotThrow() {
        Frame f = Frame.of(NumericColumn.of("n", Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0,
                1e300, -1e300, Double.MIN_VALUE, Double.MAX_VALUE, 1e15, 123456.789, 1e-5));
        String text = assertDoesNotThrow(f::toString);
        assertTrue(text.length() < 2_000, text);
    }

    @Test
    void probeFrameEmptyAndZeroColumns() {
        assertDoesNotThrow(() -> Frame.of(NumericColumn.of("n")).toString());
        assertDoesNotThrow(() -> Frame.of(NumericColumn.of("n", 1, 2)).select(List.of()).toString());
    }

    @Test
    void probeFrameManyLongColumnNamesStayShort() {
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            columns.add(NumericColumn.of(i + "x".repeat(10_000), 1.0));
        }
        String text = Frame.of(columns.toArray(Column[]::new)).toString();
        assertTrue(text.length() < 5_000, "Frame.toString is " + text.length() + " characters");
    }

    @Test
    void probeFrameColumnNameWithANewlineStaysOneLinePerRow() {
        Frame f = Frame.of(NumericColumn.of("a\nb", 1.0, 2.0));
        String text = f.toString();
        // title + name + type + 2 rows = 5 lines
        assertTrue(text.lines().count() == 5, text);
    }

    @Test
    void probeFrameControlCharactersInValues() {
        Frame f = Frame.of(CategoricalColumn.of("c", "a\rb", "x\u001b[2Jy", "z\u0000w"));
        String text = f.toString();
        assertFalse(text.chars().anyMatch(ch -> ch < 0x20 && ch != '\n'), text.replace("\u001b", "ESC"));
    }

    @Test
    void probeFrameCutDoesNotSplitASurrogatePair() {
        Frame f = Frame.of(CategoricalColumn.of("c", "a".repeat(14) + "\uD83D\uDE00" + "tail"));
        String text = f.toString();
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (Character.isHighSurrogate(ch)) {
                assertTrue(i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1)), "lone surrogate: " + text);
            }
        }
    }

    @Test
    void probePredictionToStringStaysShort() {
        Map<String, Double> probabilities = new LinkedHashMap<>();
        for (int i = 0; i < 2_000; i++) {
            probabilities.put("class-" + i, i == 0 ? 1.0 : 0.0);
        }
        String text = Prediction.classification("class-0", probabilities).toString();
        assertTrue(text.length() < 2_000, "Prediction.toString is " + text.length() + " characters");
        String label = Prediction.classification("L".repeat(100_000) + "\n").toString();
        assertTrue(label.length() < 2_000, "Prediction.toString is " + label.length() + " characters");
    }

    private static RunInfo run(String name, Instant started, Instant ended, Map<String, String> params,
            Map<String, MetricSummary> metrics) {
        return new RunInfo("id1", "exp", name, null, RunStatus.FINISHED, started, ended, params, Map.of(), metrics,
                List.of(), List.of(), Map.of(), null);
    }

    @Test
    void probeRunInfoVeryLongDurationDoesNotThrow() {
        RunInfo r = run("r", Instant.EPOCH, Instant.parse("3000-01-01T00:00:00Z"), Map.of(), Map.of());
        assertDoesNotThrow(r::toString);
    }

    @Test
    void probeRunInfoHostileNameStaysShortAndOneLinePerItem() {
        RunInfo r = run("n".repeat(10_000) + "\nFAKE LINE", Instant.EPOCH, null,
                Map.of("p", "v\nmetrics   accuracy 1.0"), Map.of("m", MetricSummary.of(1e300, 0),
                        "nan", MetricSummary.of(Double.NaN, 0), "neg0", MetricSummary.of(-0.0, 0)));
        String text = assertDoesNotThrow(r::toString);
        assertTrue(text.length() < 2_000, "RunInfo.toString is " + text.length() + " characters");
        assertFalse(text.contains("\nFAKE LINE"), "a newline in a name forges a line");
        assertFalse(text.contains("\nmetrics   accuracy"), "a newline in a param forges a line");
    }

    @Test
    void probeModelVersionHostileValues() {
        ModelVersion v = new ModelVersion("m".repeat(10_000), 1, ArtifactKind.BUNDLE, "", -1, null, List.of(),
                Map.of("x", Double.NaN, "y", 1e300, "z", Double.NEGATIVE_INFINITY), null, "about\nforged",
                Map.of(), new Review(ReviewState.APPROVED, "r", "", Instant.EPOCH), Instant.EPOCH, "me");
        String text = assertDoesNotThrow(v::toString);
        assertTrue(text.length() < 2_000, "ModelVersion.toString is " + text.length() + " characters");
        assertFalse(text.contains("\nforged"), "a newline in the description forges a line");
    }
}
