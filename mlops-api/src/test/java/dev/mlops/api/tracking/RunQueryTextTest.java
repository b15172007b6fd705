package dev.mlops.api.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.mlops.api.InvalidInputException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/** The run query language: what a text means, what the writer writes, and the errors it gives. */
class RunQueryTextTest {

    @Test
    void theDocumentedExampleMeansWhatItSays() {
        RunQuery query = RunQuery.parse("metrics.accuracy > 0.85 and params.model = 'xgboost' and status in"
                + " (finished, FAILED) and tags.`team name` = 'o''brien' and started >= '2026-11-01T00:00:00Z'"
                + " order by metrics.accuracy desc");
        assertEquals(List.of(new RunFilter.Metric("accuracy", RunFilter.Comparison.GREATER, 0.85),
                new RunFilter.Param("model", "xgboost"),
                new RunFilter.Status(EnumSet.of(RunStatus.FINISHED, RunStatus.FAILED)),
                new RunFilter.Tag("team name", "o'brien"),
                new RunFilter.StartedBetween(Instant.parse("2026-11-01T00:00:00Z"), null)), query.filters());
        assertEquals(new RunOrder(RunOrder.Key.METRIC, "accuracy", true), query.order());
    }

    @Test
    void shortFormsAndDefaults() {
        assertEquals(RunQuery.all().filters(), RunQuery.parse("  ").filters());
        assertEquals(RunOrder.newestFirst(), RunQuery.parse("").order());
        assertEquals(List.of(new RunFilter.Metric("val.loss", RunFilter.Comparison.LESS_OR_EQUAL, -1e-3)),
                RunQuery.parse("metrics.val.loss<=-1e-3").filters());
        assertEquals(List.of(new RunFilter.Status(Set.of(RunStatus.RUNNING))), RunQuery.parse("STATUS = Running")
                .filters());
        assertEquals(new RunOrder(RunOrder.Key.PARAM, "depth", false), RunQuery.parse("order by params.depth asc")
                .order());
        assertEquals(new RunOrder(RunOrder.Key.METRIC, "auc", true), RunQuery.parse("order by metrics.auc").order());
        assertEquals(new RunOrder(RunOrder.Key.STARTED, null, false), RunQuery.parse("order by started asc").order());
        assertEquals(List.of(new RunFilter.Parent("abc"), new RunFilter.StartedBetween(null,
                Instant.parse("2026-01-01T00:00:00Z"))), RunQuery.parse("parent = 'abc' and started < "
                + "'2026-01-01T00:00:00Z'").filters());
        assertEquals(Double.NaN, ((RunFilter.Metric) RunQuery.parse("metrics.x != NaN").filters().get(0)).bound());
    }

    @Test
    void mistakesAreNamedWithTheirPlace() {
        assertProblem("metrics.accuracy >> 0.8", "character 18", "expected a number");
        assertProblem("metrics.accuracy ~ 0.8", "character 17", "expected a comparison");
        assertProblem("params.model = xgboost", "character 15", "single quotes");
        assertProblem("params.model = 'xgboost", "character 23", "not closed");
        assertProblem("status in (finished, done)", "character 21", "expected a status");
        assertProblem("accuracy > 0.8", "character 0", "expected a condition");
        assertProblem("metrics.a > 1 or metrics.b > 2", "character 14", "expected 'and', 'order by' or the end");
        assertProblem("started >= 'yesterday'", "character 11", "expected an instant");
        assertProblem("order by accuracy", "character 9", "expected metrics.<name>");
        assertProblem("metrics.`` > 1", "character 10", "not empty");
        assertProblem("metrics.a > 1d", "character 12", "expected a number");
    }

    private static void assertProblem(String text, String where, String reason) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> RunQuery.parse(text));
        assertEquals(where, e.problems().get(0).field(), e.getMessage());
        assertTrue(e.problems().get(0).reason().contains(reason), e.getMessage());
    }

    static Gen<String> names() {
        return Generate.pick(List.of("accuracy", "val.loss", "team name", "a`b", "o'brien", "x = 'y' and z",
                "\u00e9t\u00e9", "order", "and", "status")).mix(SourceDSL.strings().allPossible().ofLengthBetween(1, 12),
                50);
    }

    static Gen<RunFilter> filters() {
        Gen<RunFilter.Comparison> comparisons = Generate.enumValues(RunFilter.Comparison.class);
        Gen<Double> bounds = SourceDSL.doubles().any().mix(Generate.pick(List.of(Double.NaN,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.85)), 20);
        Gen<String> values = SourceDSL.strings().allPossible().ofLengthBetween(0, 16);
        Gen<RunFilter> metric = names().zip(comparisons, bounds, RunFilter.Metric::new).map(m -> (RunFilter) m);
        Gen<RunFilter> param = names().zip(values, RunFilter.Param::new).map(p -> (RunFilter) p);
        Gen<RunFilter> tag = names().zip(values, RunFilter.Tag::new).map(t -> (RunFilter) t);
        Gen<RunFilter> status = SourceDSL.lists().of(Generate.enumValues(RunStatus.class)).ofSizeBetween(1, 5)
                .map(list -> (RunFilter) new RunFilter.Status(EnumSet.copyOf(list)));
        Gen<RunFilter> parent = values.map(v -> (RunFilter) new RunFilter.Parent(v));
        Gen<RunFilter> started = SourceDSL.longs().between(-10_000_000_000L, 10_000_000_000L).zip(
                SourceDSL.booleans().all(), (seconds, from) -> (RunFilter) (from
                        ? new RunFilter.StartedBetween(Instant.ofEpochSecond(seconds, 123), null)
                        : new RunFilter.StartedBetween(null, Instant.ofEpochSecond(seconds))));
        return metric.mix(param, 50).mix(tag, 30).mix(status, 20).mix(parent, 15).mix(started, 15);
    }

    @Test
    void whatTheWriterWritesReadsBackAsTheSameQuery() {
        Gen<RunOrder> orders = names().zip(Generate.enumValues(RunOrder.Key.class), SourceDSL.booleans().all(),
                (name, key, descending) -> new RunOrder(key, key == RunOrder.Key.STARTED ? null : name, descending));
        qt().withExamples(500).forAll(SourceDSL.lists().of(filters()).ofSizeBetween(0, 5), orders)
                .checkAssert((filters, order) -> {
                    RunQuery query = RunQuery.all().orderBy(order);
                    for (RunFilter filter : filters) {
                        query = query.where(filter);
                    }
                    RunQuery read = RunQuery.parse(query.text());
                    assertEquals(query.filters(), read.filters(), query.text());
                    assertEquals(query.order(), read.order(), query.text());
                });
    }
}
