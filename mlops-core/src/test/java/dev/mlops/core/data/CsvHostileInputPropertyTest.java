package dev.mlops.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arrays;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.mlops.api.DataException;
import dev.mlops.api.Field;
import dev.mlops.api.Schema;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.impl.Constraint;

/**
 * Whatever the input, the reader answers with a frame or a {@link DataException}: never another
 * exception, never a half-read frame. Strict and lenient agree on what they both accept.
 */
class CsvHostileInputPropertyTest {

    /** Texts assembled from CSV metacharacters, numbers, missing tokens and unicode. */
    private static Gen<String> csvLikeText() {
        return in -> {
            int pieces = (int) in.next(Constraint.between(0, 40));
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < pieces; i++) {
                text.append(FrameGenerators.PIECES.get((int) in.next(Constraint.between(0,
                        FrameGenerators.PIECES.size() - 1))));
            }
            return text.toString();
        };
    }

    private static CsvResult readOrNull(CsvReader reader, String text) {
        try {
            return reader.readString(text);
        } catch (DataException expected) {
            return null;
        }
    }

    @Test
    void anyTextGivesAFrameOrADataException() {
        qt().withExamples(2_000).forAll(csvLikeText()).checkAssert(text -> {
            CsvResult strict = readOrNull(Csv.reader(), text);
            CsvResult lenient = readOrNull(Csv.reader().errorMode(ErrorMode.LENIENT), text);
            if (strict != null) {
                assertTrue(lenient != null && lenient.isClean(), "lenient accepts what strict accepts");
                assertEquals(strict.frame(), lenient.frame());
            }
            if (lenient != null) {
                lenient.rejected().forEach(r -> assertTrue(r.line() >= 1, r.toString()));
            }
        });
    }

    @Test
    void anyTextAgainstASchemaGivesAFrameOrADataException() {
        Schema schema = Schema.of(Field.numeric("a"), Field.timestamp("b").required(), Field.bool("c"));
        qt().withExamples(1_000).forAll(csvLikeText()).checkAssert(text -> {
            frameOrDataException(() -> Csv.reader().schema(schema).header(false).readString(text), schema);
            frameOrDataException(() -> Csv.reader().schema(schema).header(false).errorMode(ErrorMode.LENIENT)
                    .readString(text), schema);
            frameOrDataException(() -> Csv.reader().delimiter(", ").missingValues("?", "NA").trim(true)
                    .readString(text), null);
        });
    }

    /**
     * Either a refusal with a message, or a frame: of the given schema when there is one, with every
     * rejected record placed on a line.
     */
    private static void frameOrDataException(java.util.function.Supplier<CsvResult> read, Schema schema) {
        CsvResult result;
        try {
            result = read.get();
        } catch (DataException refused) {
            assertFalse(refused.getMessage().isBlank());
            return;
        }
        if (schema != null) {
            assertEquals(schema.names(), result.frame().schema().names());
        }
        assertTrue(result.frame().rowCount() >= 0);
        result.rejected().forEach(r -> assertTrue(r.line() >= 1, r.toString()));
    }

    @Test
    void anyBytesGiveAFrameOrADataException() {
        Gen<Byte[]> bytes = arrays().ofClass(integers().between(0, 255).map(Integer::byteValue), Byte.class)
                .withLengthBetween(0, 64);
        qt().withExamples(1_000).forAll(bytes).checkAssert(boxed -> {
            byte[] raw = new byte[boxed.length];
            for (int i = 0; i < raw.length; i++) {
                raw[i] = boxed[i];
            }
            frameOrDataException(() -> Csv.reader().read(new ByteArrayInputStream(raw), "bytes"), null);
            frameOrDataException(() -> Csv.reader().read(new StringReader(new String(raw,
                    java.nio.charset.StandardCharsets.ISO_8859_1)), "chars"), null);
        });
    }
}
