package dev.mlops.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.mlops.api.Field;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.Prediction;
import dev.mlops.api.Schema;
import dev.mlops.core.check.Checks;
import dev.mlops.core.drift.DriftReference;
import dev.mlops.core.eval.ClassificationMetrics;
import dev.mlops.core.profile.DataProfile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * Hostile text from the user's data (column names, category values, labels, check descriptions)
 * through every report: it shows as the same text, never as markup, and no script, handler or
 * fetch appears in the page.
 */
class HostileTextPropertyTest {

    /** Payloads that broke real report writers, and random text with every kind of awkward character. */
    static Gen<String> hostile() {
        Gen<String> known = Generate.pick(List.of("<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>",
                "'><svg onload=alert(1)>", "</title><script>alert(1)</script>", "javascript:alert(1)",
                "<!--", "]]><![CDATA[", "&lt;already escaped&gt;", "a\u0000b", "\uD800lone", "tab\tand\nline",
                "\u202Eright-to-left", "\uD83D\uDE00 emoji", "</style><style>*{display:none}</style>"));
        Gen<String> random = SourceDSL.strings().betweenCodePoints(0, 0x1F64F).ofLengthBetween(1, 24);
        Gen<String> ascii = SourceDSL.strings().allPossible().ofLengthBetween(1, 12)
                .map(s -> s.replace('a', '<').replace('b', '>').replace('c', '"').replace('d', '&'));
        return known.mix(random, 50).mix(ascii, 30).assuming(s -> !s.isBlank());
    }

    @Test
    void hostileColumnNamesAndValuesAreTextInEveryReport() {
        qt().withExamples(120).forAll(hostile(), hostile()).assuming((a, b) -> !a.equals(b))
                .checkAssert((name, value) -> {
                    Frame frame = frame(name, value);
                    Document profile = ReportsTest.parse(Reports.profile(name, DataProfile.of(frame, "x")));
                    assertEquals(ReportsTest.shown(name), ReportsTest.withoutSpaces(profile.selectFirst("title").wholeText()));
                    assertEquals(ReportsTest.shown(name), ReportsTest.withoutSpaces(profile.select("#columns tbody tr").get(1).child(0).wholeText()));
                    assertTrue(profile.select("rect.bar").eachAttr("data-label").contains(ReportsTest.rendered(value)),
                            "the category value is an attribute's text");

                    Document drift = ReportsTest.parse(Reports.drift(value, DriftReference.of(frame).compare(frame),
                            frame, frame));
                    assertEquals(ReportsTest.shown(name), ReportsTest.withoutSpaces(drift.select("#column-drift tbody tr").get(1).child(0).wholeText()));

                    Document validation = ReportsTest.parse(Reports.validation(name, Checks.run(frame,
                            Checks.allowed(name, Set.of(value)), Checks.hasColumn(value, FieldType.NUMERIC))));
                    assertEquals(2, validation.select("#check-results tbody tr").size());

                    Document evaluation = ReportsTest.parse(Reports.evaluation(name, metrics(name, value)));
                    assertEquals(List.of(ReportsTest.shown(name), ReportsTest.shown(value)), evaluation.select("#per-class tbody tr").stream()
                            .map(row -> ReportsTest.withoutSpaces(row.child(0).wholeText())).toList());
                    assertTrue(evaluation.select("#confusion rect.cell").eachAttr("data-row").contains(ReportsTest.rendered(name)));
                });
    }

    private static Frame frame(String name, String value) {
        Frame.RowBuilder rows = Frame.builder(Schema.of(Field.of("x", FieldType.NUMERIC),
                Field.of(name, FieldType.CATEGORICAL)));
        for (int i = 0; i < 40; i++) {
            rows.add((double) i, i % 3 == 0 ? value : "plain");
        }
        return rows.build();
    }

    private static ClassificationMetrics metrics(String first, String second) {
        List<String> labels = List.of(first, second);
        List<String> actual = new ArrayList<>();
        List<Prediction> predicted = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            actual.add(labels.get(i % 2));
            Map<String, Double> probabilities = new LinkedHashMap<>();
            double p = i < 7 ? 0.8 : 0.3;
            probabilities.put(labels.get(i % 2), p);
            probabilities.put(labels.get(1 - i % 2), 1 - p);
            predicted.add(new Prediction.Classification(p > 0.5 ? labels.get(i % 2) : labels.get(1 - i % 2),
                    probabilities));
        }
        return ClassificationMetrics.of(labels, actual, predicted);
    }
}
