package dev.mlops.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.NumericColumn;
import dev.mlops.core.data.Csv;
import dev.mlops.core.data.CsvResult;
import dev.mlops.core.drift.ColumnDrift;
import dev.mlops.core.drift.DriftReport;
import dev.mlops.core.drift.DriftReference;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reads the real Adult files and checks every figure against {@code reference/adult_reference.json},
 * computed independently by Python's csv module ({@code reference/adult_reference.py}).
 */
class AdultDatasetTest {

    @TempDir
    Path dir;

    private static JsonNode reference(String file) throws IOException {
        try (InputStream in = AdultDatasetTest.class.getResourceAsStream("/reference/adult_reference.json")) {
            return new ObjectMapper().readTree(in).get(file);
        }
    }

    private static CsvResult read(String file) {
        return file.equals("adult.data") ? Datasets.adultTrain() : Datasets.adultTest();
    }

    @ParameterizedTest
    @ValueSource(strings = {"adult.data", "adult.test"})
    void matchesTheIndependentlyComputedFigures(String file) throws IOException {
        JsonNode expected = reference(file);
        CsvResult result = read(file);
        assertTrue(result.isClean());
        Frame frame = result.frame();
        assertEquals(expected.get("rows").asInt(), frame.rowCount());
        List<String> columns = new ArrayList<>();
        expected.get("columns").forEach(c -> columns.add(c.asText()));
        assertEquals(columns, frame.schema().names());
        for (Column column : frame.columns()) {
            assertEquals(expected.get("missing").get(column.name()).asInt(), column.missingCount(), column.name());
            if (column instanceof NumericColumn numeric) {
                double sum = 0;
                for (int row = 0; row < numeric.size(); row++) {
                    sum += numeric.isMissing(row) ? 0 : numeric.value(row);
                }
                assertEquals(expected.get("sums").get(column.name()).asDouble(), sum, 0.0, column.name());
            } else {
                assertEquals(FieldType.CATEGORICAL, column.type(), column.name());
                assertEquals(expected.get("distinct").get(column.name()).asInt(),
                        ((CategoricalColumn) column).dictionarySize(), column.name());
            }
        }
        int rowsWithMissing = 0;
        for (int row = 0; row < frame.rowCount(); row++) {
            final int r = row;
            if (frame.columns().stream().anyMatch(c -> c.isMissing(r))) {
                rowsWithMissing++;
            }
        }
        assertEquals(expected.get("rows_with_missing").asInt(), rowsWithMissing);
    }

    @Test
    void theFingerprintDoesNotDependOnHowTheFileWasRead() throws IOException {
        Frame fromStream = Datasets.adultTrain().frame();
        Path plain = dir.resolve("adult.data");
        try (InputStream in = Datasets.class.getClassLoader().getResourceAsStream("datasets/adult/adult.data")) {
            Files.copy(in, plain);
        }
        Frame fromFile = Datasets.ADULT_FORMAT.read(plain).frame();
        Frame trimmed = Csv.reader().trim(true).missingValues("?").read(plain).frame();
        Path gzip = dir.resolve("adult-copy.csv.gz");
        Csv.writer().missingValue("?").write(fromStream, gzip);
        Frame rewritten = Csv.reader().missingValues("?").read(gzip).frame();
        assertEquals(fromStream.fingerprint(), fromFile.fingerprint());
        assertEquals(fromStream.fingerprint(), trimmed.fingerprint());
        assertEquals(fromStream.fingerprint(), rewritten.fingerprint());
        assertEquals(fromStream, rewritten);
    }

    @Test
    void theSamplePrintsSchemaCountsAndFingerprints() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            AdultSample.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        assertTrue(output.contains("adult.data: 32,561 rows x 15 columns"), output);
        assertTrue(output.contains("adult.test: 16,281 rows x 15 columns"), output);
        assertTrue(output.matches("(?s).*workclass\\s+categorical\\s+1836.*"), output);
        assertTrue(output.contains("fingerprint sha256:" + Datasets.adultTrain().frame().fingerprint().sha256()),
                output);
        assertTrue(output.contains("[<=50K., >50K.]"), output);
        assertTrue(output.contains("Salary: Jensen-Shannon distance 1.000 (threshold 0.1) -> DRIFT"), output);
        assertTrue(output.contains("train 26,049 rows, test 6,512 rows"), output);
        assertTrue(output.contains("15 columns become 106; frame and single-row paths agree: true"), output);
        assertTrue(output.contains("age: mean 38.58, median 37, 143 outliers by the IQR rule"), output);
        assertTrue(output.contains("FAIL 'Salary' in [<=50K, >50K]: observed 16281 of 16281 rows fail, e.g. rows"
                + " [0, 1, 2, 3, 4]"), output);
        assertTrue(output.contains("WARN mean of 'hours-per-week' in [45.0, 50.0]: observed 40.3922"), output);
    }

    @Test
    void driftOfTheTestFileMatchesSciPyAndFlagsOnlyTheRelabelledTarget() throws IOException {
        JsonNode expected;
        try (InputStream in = AdultDatasetTest.class.getResourceAsStream("/reference/adult_reference.json")) {
            expected = new ObjectMapper().readTree(in).get("drift_test_vs_data");
        }
        DriftReport report = DriftReference.of(Datasets.adultTrain().frame()).compare(Datasets.adultTest().frame());
        expected.fields().forEachRemaining(entry -> {
            ColumnDrift drift = report.column(entry.getKey()).orElseThrow();
            assertEquals(entry.getValue().asDouble(), drift.score(), 1e-9 * Math.max(1, entry.getValue().asDouble()),
                    entry.getKey());
        });
        assertEquals(List.of("Salary"), report.drifted().stream().map(ColumnDrift::column).toList());
        assertFalse(report.datasetDrifted());
    }

    @Test
    void irisIsReadWithFourNumericColumnsAndThreeSpecies() {
        Frame iris = Datasets.iris().frame();
        assertEquals(150, iris.rowCount());
        assertEquals(List.of(FieldType.NUMERIC, FieldType.NUMERIC, FieldType.NUMERIC, FieldType.NUMERIC,
                FieldType.CATEGORICAL), iris.schema().fields().stream().map(f -> f.type()).toList());
        assertEquals(List.of("setosa", "versicolor", "virginica"), iris.categorical("species").dictionary());
    }
}
