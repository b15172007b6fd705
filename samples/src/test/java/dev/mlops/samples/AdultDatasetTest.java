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
import java.io.IOException;
import java.io.InputStream;
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
