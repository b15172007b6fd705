package dev.mlops.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.api.Frame;
import dev.mlops.core.profile.Associations;
import dev.mlops.core.profile.ColumnProfile;
import dev.mlops.core.profile.DataProfile;
import dev.mlops.core.profile.NumericSummary;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The profile of adult.data against {@code reference/adult_profile_reference.json}, computed
 * independently with NumPy and SciPy by {@code reference/adult_profile_reference.py}.
 */
class AdultProfileTest {

    private static Frame adult;
    private static DataProfile profile;
    private static JsonNode expected;

    @BeforeAll
    static void profileAdult() throws IOException {
        adult = Datasets.adultTrain().frame();
        profile = DataProfile.of(adult, "Salary");
        try (InputStream in = AdultProfileTest.class.getResourceAsStream("/reference/adult_profile_reference.json")) {
            expected = new ObjectMapper().readTree(in);
        }
    }

    private static void close(double expectedValue, double actual, String what) {
        assertEquals(expectedValue, actual, 1e-9 * Math.max(1, Math.abs(expectedValue)), what);
    }

    @Test
    void numericSummariesMatchNumpy() {
        expected.get("numeric").fields().forEachRemaining(entry -> {
            String name = entry.getKey();
            JsonNode e = entry.getValue();
            ColumnProfile column = profile.column(name).orElseThrow();
            NumericSummary s = column.numeric();
            assertNotNull(s, name);
            assertEquals(e.get("distinct").asLong(), column.distinct(), name + " distinct");
            close(e.get("min").asDouble(), s.min(), name + " min");
            close(e.get("max").asDouble(), s.max(), name + " max");
            close(e.get("mean").asDouble(), s.mean(), name + " mean");
            close(e.get("std").asDouble(), s.std(), name + " std");
            for (int i = 0; i < NumericSummary.QUANTILE_LEVELS.size(); i++) {
                close(e.get("quantiles").get(i).asDouble(), s.quantiles().get(i), name + " quantile " + i);
            }
            for (int i = 0; i < NumericSummary.HISTOGRAM_BINS; i++) {
                assertEquals(e.get("histogram").get(i).asLong(), s.histogram().get(i), name + " bin " + i);
            }
            for (int i = 0; i <= NumericSummary.HISTOGRAM_BINS; i++) {
                close(e.get("edges").get(i).asDouble(), s.binEdges().get(i), name + " edge " + i);
            }
            assertEquals(e.get("outliers").asLong(), s.outliers(), name + " outliers");
        });
    }

    @Test
    void categoricalCountsMatchPython() {
        expected.get("categorical").fields().forEachRemaining(entry -> {
            ColumnProfile column = profile.column(entry.getKey()).orElseThrow();
            JsonNode e = entry.getValue();
            assertEquals(e.get("missing").asLong(), column.missing(), entry.getKey());
            assertEquals(e.get("distinct").asLong(), column.distinct(), entry.getKey());
            List<Map.Entry<String, Long>> top = new ArrayList<>(column.topCategories().entrySet());
            for (int i = 0; i < e.get("top").size(); i++) {
                assertEquals(e.get("top").get(i).get(0).asText(), top.get(i).getKey(), entry.getKey() + " top " + i);
                assertEquals(e.get("top").get(i).get(1).asLong(), top.get(i).getValue(), entry.getKey() + " count " + i);
            }
        });
    }

    @Test
    void associationsMatchNumpyAndScipy() {
        expected.get("pearson").fields().forEachRemaining(row -> row.getValue().fields().forEachRemaining(cell ->
                close(cell.getValue().asDouble(), profile.pearson().get(row.getKey()).get(cell.getKey()),
                        "pearson " + row.getKey() + "/" + cell.getKey())));
        expected.get("cramers_v").fields().forEachRemaining(pair -> {
            String[] names = pair.getKey().split("\\|");
            close(pair.getValue().asDouble(), Associations.cramersV(adult.categorical(names[0]),
                    adult.categorical(names[1])), "Cramér's V " + pair.getKey());
        });
        expected.get("eta_with_salary").fields().forEachRemaining(entry -> close(entry.getValue().asDouble(),
                profile.targetAssociations().get(entry.getKey()), "eta " + entry.getKey()));
        close(expected.get("cramers_v").get("education|Salary").asDouble(),
                profile.targetAssociations().get("education"), "target association of education");
    }

    @Test
    void theStrongestAssociationsWithTheTargetComeFirst() {
        List<String> order = new ArrayList<>(profile.targetAssociations().keySet());
        assertEquals("relationship", order.get(0), profile.targetAssociations().toString());
        assertEquals(profile, DataProfile.fromJson(profile.toJson()));
    }
}
