package dev.mlops.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FingerprintTest {

    /** The frame that {@code fingerprint/fingerprint_reference.py} encodes independently. */
    private static Frame referenceFrame() {
        return Frame.builder(Schema.of(Field.numeric("x"), Field.categorical("c"), Field.bool("b"),
                        Field.timestamp("t"), Field.text("s")))
                .add(1.5, "a", true, Instant.EPOCH, "")
                .add(null, "é", false, null, null)
                .add(Double.NaN, null, null, TimestampColumn.fromEpochMicros(-1), "中文")
                .add(-0.0, "a", true, TimestampColumn.fromEpochMicros(1_700_000_000_000_000L), "q\"x")
                .build();
    }

    @Test
    void matchesTheIndependentPythonEncoding() throws IOException {
        String expected;
        try (InputStream in = getClass().getResourceAsStream("/fingerprint/reference.txt")) {
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        DatasetFingerprint fingerprint = referenceFrame().fingerprint();
        assertEquals(expected, fingerprint.sha256());
        assertEquals(4, fingerprint.rowCount());
        assertEquals(referenceFrame().schema(), fingerprint.schema());
    }

    @Test
    void sameContentSameHashHoweverBuilt() {
        Frame built = referenceFrame();
        Frame sliced = Frame.concat(Frame.builder(built.schema()).add(7, "z", true, null, "pad").build(), built)
                .slice(1, 5);
        Frame reordered = Frame.of(built.columns().get(0),
                CategoricalColumn.ofCodes(Field.categorical("c"), new int[] {1, 0, -1, 1}, List.of("é", "a")),
                built.column(2), built.column(3), built.column(4));
        Frame relaxed = Frame.of(built.columns().stream().map(c -> c.withField(c.field().withNullable(true))).toList());
        assertEquals(built.fingerprint().sha256(), sliced.fingerprint().sha256());
        assertEquals(built.fingerprint().sha256(), reordered.fingerprint().sha256());
        assertEquals(built.fingerprint().sha256(), relaxed.fingerprint().sha256());
    }

    @Test
    void anyChangeOfContentChangesTheHash() {
        String base = referenceFrame().fingerprint().sha256();
        assertNotEquals(base, referenceFrame().slice(0, 3).fingerprint().sha256());
        assertNotEquals(base, referenceFrame().select("c", "x", "b", "t", "s").fingerprint().sha256());
        assertNotEquals(base, referenceFrame().withColumn(NumericColumn.of("x", 1.5, 0, Double.NaN, -0.0))
                .fingerprint().sha256(), "missing differs from any value");
        assertNotEquals(base, referenceFrame().withColumn(NumericColumn.of("x", 1.5, 0, Double.NaN, 0.0)
                .withName("x")).fingerprint().sha256());
        Frame text = Frame.of(TextColumn.of("v", "a"));
        Frame categorical = Frame.of(CategoricalColumn.of("v", "a"));
        assertNotEquals(text.fingerprint().sha256(), categorical.fingerprint().sha256(), "the type counts");
        assertNotEquals(Frame.of(TextColumn.of("v", "ab", "")).fingerprint().sha256(),
                Frame.of(TextColumn.of("v", "a", "b")).fingerprint().sha256(), "strings are length-prefixed");
    }

    @Test
    void recordValidatesItsParts() {
        assertThrows(IllegalArgumentException.class, () -> new DatasetFingerprint("ABC", Schema.of(), 0));
        assertThrows(IllegalArgumentException.class, () -> new DatasetFingerprint("a".repeat(64), Schema.of(), -1));
    }
}
