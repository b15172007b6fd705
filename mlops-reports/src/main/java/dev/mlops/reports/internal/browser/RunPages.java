package dev.mlops.reports.internal.browser;

import dev.mlops.api.InvalidInputException;
import dev.mlops.api.tracking.ArtifactInfo;
import dev.mlops.api.tracking.DatasetInput;
import dev.mlops.api.tracking.Experiment;
import dev.mlops.api.tracking.ExperimentInfo;
import dev.mlops.api.tracking.MetricPoint;
import dev.mlops.api.tracking.MetricSummary;
import dev.mlops.api.tracking.ModelVersion;
import dev.mlops.api.tracking.RunFilter;
import dev.mlops.api.tracking.RunInfo;
import dev.mlops.api.tracking.RunOrder;
import dev.mlops.api.tracking.RunPage;
import dev.mlops.api.tracking.RunQuery;
import dev.mlops.api.tracking.RunStatus;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.reports.internal.Charts;
import dev.mlops.reports.internal.ComparisonPage;
import dev.mlops.reports.internal.Markup;
import dev.mlops.reports.internal.Numbers;
import dev.mlops.reports.internal.Page;
import dev.mlops.reports.internal.Page.Cell;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** The browser's pages about experiments and runs: the experiments, one experiment's runs, one run, a comparison. */
final class RunPages {

    /** Runs a page of the runs table shows unless asked otherwise, and the most it shows. */
    static final int PAGE_SIZE = 50;
    static final int MAX_PAGE_SIZE = 500;
    /** The most param and metric columns the runs table shows; the rest are on each run's page. */
    static final int MAX_COLUMNS = 12;
    /** The most metric histories a run's page draws. */
    static final int MAX_CHARTS = 30;

    private final Tracker tracker;

    RunPages(Tracker tracker) {
        this.tracker = tracker;
    }

    /** Every experiment with its description, start and number of runs. */
    String experiments() {
        Page page = Pages.page("Experiments", "the tracking store's experiments");
        page.section("experiments", "Experiments");
        List<List<Cell>> rows = new ArrayList<>();
        for (String name : tracker.experimentNames()) {
            Experiment experiment = tracker.experiment(name);
            ExperimentInfo info = experiment.info();
            int runs = experiment.search(RunQuery.all().limit(1)).total();
            rows.add(List.of(Cell.link(name, Links.runs(name)), Cell.count(runs), Cell.text(info.description()),
                    Cell.text(Pages.shown(info.created()))));
        }
        page.tableOrNote("experiment-table", List.of("experiment", "runs", "description", "created"), rows, "no experiment yet");
        page.end();
        return page.html();
    }

    /**
     * One experiment's runs as a table: filtered and ordered by a run query in the text form of
     * {@link RunQuery#parse}, sorted by a column by following its heading, paged, and with check
     * boxes to compare the runs chosen.
     */
    Answer runs(Parameters parameters) {
        String name = parameters.required("experiment");
        Pages.requireExperiment(tracker, name);
        String text = parameters.get("q", "").strip();
        int offset = parameters.number("offset", 0, 0, Integer.MAX_VALUE);
        int limit = parameters.number("limit", PAGE_SIZE, 1, MAX_PAGE_SIZE);
        Page page = Pages.page(name, "runs of experiment " + name);
        RunQuery query;
        String problem = null;
        try {
            query = RunQuery.parse(text);
        } catch (InvalidInputException e) {
            problem = e.getMessage();
            query = RunQuery.all();
        }
        page.section("filter", "Filter and order");
        Markup form = new Markup().open("form", "class", "query", "method", "get", "action", Links.RUNS)
                .empty("input", "type", "hidden", "name", "experiment", "value", name)
                .empty("input", "type", "hidden", "name", "limit", "value", Integer.toString(limit))
                .empty("input", "type", "text", "name", "q", "value", text, "id", "query", "aria-label", "run query",
                        "placeholder", "metrics.accuracy > 0.8 and params.model = 'xgboost' order by metrics.accuracy desc")
                .element("button", "Apply", "type", "submit").close("form");
        page.markup(form);
        if (problem != null) {
            page.markup(new Markup().element("p", problem, "class", "error", "id", "query-problem"));
        }
        page.note("conditions on metrics.<name>, params.<name>, tags.<name>, status, parent and started, joined"
                + " by 'and'; then 'order by' a metric, a param or started, 'asc' or 'desc'");
        page.end();

        RunPage found = tracker.experiment(name).search(query.offset(offset).limit(limit));
        page.section("runs", "Runs " + (found.runs().isEmpty() ? "" : (offset + 1) + "\u2013"
                + (offset + found.runs().size()) + " ") + "of " + Numbers.count(found.total()));
        if (found.runs().isEmpty()) {
            page.note(found.total() == 0 ? "no run matches" : "no run on this page");
        } else {
            runTable(page, name, query, text.isEmpty() && problem == null ? "" : query.text(), found, limit);
        }
        paging(page, name, problem == null ? text : "", found, limit);
        page.end();
        return Answer.page(problem == null ? 200 : 400, page.html());
    }

    private void runTable(Page page, String experiment, RunQuery query, String text, RunPage found, int limit) {
        TreeSet<String> params = new TreeSet<>();
        TreeSet<String> metrics = new TreeSet<>();
        for (RunInfo run : found.runs()) {
            params.addAll(run.params().keySet());
            metrics.addAll(run.metrics().keySet());
        }
        List<String> paramColumns = params.stream().limit(MAX_COLUMNS).toList();
        List<String> metricColumns = metrics.stream().limit(MAX_COLUMNS).toList();
        List<Cell> header = new ArrayList<>();
        header.add(Cell.text("compare"));
        header.add(Cell.text("run"));
        header.add(Cell.text("status"));
        header.add(sortable("started", query, new RunOrder(RunOrder.Key.STARTED, null, true), experiment, limit));
        header.add(Cell.text("duration (s)"));
        paramColumns.forEach(p -> header.add(sortable("params." + p, query, new RunOrder(RunOrder.Key.PARAM, p, true),
                experiment, limit)));
        metricColumns.forEach(m -> header.add(sortable("metrics." + m, query,
                new RunOrder(RunOrder.Key.METRIC, m, true), experiment, limit)));
        List<List<Cell>> rows = new ArrayList<>();
        for (RunInfo run : found.runs()) {
            List<Cell> row = new ArrayList<>();
            row.add(Cell.checkbox("run", run.id()));
            row.add(Cell.link(run.name(), Links.run(run.id())));
            row.add(status(run.status()));
            row.add(Cell.text(Pages.shown(run.started())));
            row.add(run.duration().map(d -> Cell.number(d.toNanos() / 1e9)).orElse(Cell.text("")));
            paramColumns.forEach(p -> row.add(Cell.text(run.params().getOrDefault(p, ""))));
            metricColumns.forEach(m -> {
                MetricSummary summary = run.metrics().get(m);
                row.add(summary == null ? Cell.text("") : Cell.number(summary.latest()));
            });
            rows.add(row);
        }
        page.markup(new Markup().open("form", "method", "get", "action", Links.COMPARE, "id", "compare-form"));
        page.tableWithHeader("run-table", header, rows);
        page.markup(new Markup().element("button", "Compare selected runs", "type", "submit").close("form"));
        if (params.size() > MAX_COLUMNS || metrics.size() > MAX_COLUMNS) {
            page.note("the first " + MAX_COLUMNS + " params and metrics by name are shown; every one is on each"
                    + " run's page");
        }
    }

    /**
     * A column heading that orders the table by it: largest first, or smallest first when the
     * table is already largest first by it. The filters are kept.
     */
    private static Cell sortable(String heading, RunQuery query, RunOrder descending, String experiment, int limit) {
        boolean current = query.order().key() == descending.key()
                && java.util.Objects.equals(query.order().name(), descending.name());
        RunOrder next = current && query.order().descending()
                ? new RunOrder(descending.key(), descending.name(), false) : descending;
        RunQuery sorted = RunQuery.all();
        for (RunFilter filter : query.filters()) {
            sorted = sorted.where(filter);
        }
        sorted = sorted.orderBy(next);
        String arrow = current ? (query.order().descending() ? " \u25bc" : " \u25b2") : "";
        return Cell.link(heading + arrow, Links.runs(experiment, sorted.text(), 0, limit));
    }

    private static void paging(Page page, String experiment, String text, RunPage found, int limit) {
        Markup links = new Markup().open("p", "class", "paging");
        if (found.offset() > 0) {
            links.element("a", "\u2190 previous " + limit, "href", Links.runs(experiment, text,
                    Math.max(0, found.offset() - limit), limit), "rel", "prev");
        }
        if (found.hasMore()) {
            links.text(" ").element("a", "next " + limit + " \u2192", "href", Links.runs(experiment, text,
                    found.offset() + found.runs().size(), limit), "rel", "next");
        }
        page.markup(links.close("p"));
    }

    static Cell status(RunStatus status) {
        String text = status.name().toLowerCase(Locale.ROOT);
        return switch (status) {
            case FINISHED -> Cell.status(text, "ok");
            case RUNNING -> Cell.text(text);
            case ABANDONED -> Cell.status(text, "warn");
            default -> Cell.status(text, "bad");
        };
    }

    /** One run: what it was, its params, metrics with their histories, tags, artifacts, inputs, nested runs, environment. */
    String run(Parameters parameters) {
        RunInfo run = tracker.run(parameters.required("id"));
        Page page = Pages.page(run.name(), "run " + run.id() + " of experiment " + run.experiment());
        page.section("overview", "Run");
        List<List<Cell>> overview = new ArrayList<>();
        overview.add(List.of(Cell.text("id"), Cell.text(run.id())));
        overview.add(List.of(Cell.text("experiment"), Cell.link(run.experiment(), Links.runs(run.experiment()))));
        overview.add(List.of(Cell.text("status"), status(run.status())));
        overview.add(List.of(Cell.text("started"), Cell.text(Pages.shown(run.started()))));
        overview.add(List.of(Cell.text("ended"), Cell.text(Pages.shown(run.ended()))));
        run.duration().ifPresent(d -> overview.add(List.of(Cell.text("duration (s)"), Cell.number(d.toNanos() / 1e9))));
        if (run.parentId() != null) {
            overview.add(List.of(Cell.text("parent"), Cell.link(run.parentId(), Links.run(run.parentId()))));
        }
        if (run.error() != null) {
            overview.add(List.of(Cell.text("error"), Cell.status(run.error(), "bad")));
        }
        page.table("run-overview", List.of("", ""), overview);
        page.end();

        keyValues(page, "params", "Parameters", run.params(), "no params");

        page.section("metrics", "Metrics");
        List<List<Cell>> metrics = new ArrayList<>();
        run.metrics().forEach((name, s) -> metrics.add(List.of(Cell.text(name), Cell.number(s.latest()),
                Cell.count(s.latestStep()), Cell.number(s.min()), Cell.number(s.max()), Cell.count(s.count()))));
        if (metrics.isEmpty()) {
            page.note("no metrics");
        } else {
            page.table("metric-table", List.of("metric", "latest", "at step", "min", "max", "points"), metrics);
            int charts = 0;
            for (Map.Entry<String, MetricSummary> metric : run.metrics().entrySet()) {
                if (metric.getValue().count() < 2 || charts == MAX_CHARTS) {
                    continue;
                }
                List<MetricPoint> points = tracker.metricHistory(run.id(), metric.getKey());
                double[] steps = new double[points.size()];
                double[] values = new double[points.size()];
                for (int i = 0; i < points.size(); i++) {
                    steps[i] = points.get(i).step();
                    values[i] = points.get(i).value();
                }
                page.markup(new Markup().open("div", "id", "history-" + charts++, "data-metric", metric.getKey()));
                page.subheading(metric.getKey());
                page.chart(Charts.lines(metric.getKey() + " by step", List.of(new Charts.Line(metric.getKey(), steps,
                        values)), "step", metric.getKey(), Charts.Axes.FIT));
                page.markup(new Markup().close("div"));
            }
        }
        page.end();

        keyValues(page, "tags", "Tags", run.tags(), "no tags");

        page.section("artifacts", "Artifacts");
        List<List<Cell>> artifacts = new ArrayList<>();
        for (ArtifactInfo artifact : run.artifacts()) {
            artifacts.add(List.of(Cell.link(artifact.path(), Links.artifact(run.id(), artifact.path())),
                    Cell.count(artifact.size()), Cell.text(artifact.sha256())));
        }
        page.tableOrNote("artifact-table", List.of("path (download)", "bytes", "SHA-256"), artifacts, "no artifacts");
        page.end();

        page.section("inputs", "Dataset versions used");
        List<List<Cell>> inputs = new ArrayList<>();
        for (DatasetInput input : run.inputs()) {
            inputs.add(List.of(Cell.link(input.dataset().reference(), Links.dataset(input.dataset())),
                    Cell.text(input.role().name().toLowerCase(Locale.ROOT)),
                    Cell.count(input.dataset().fingerprint().rowCount())));
        }
        page.tableOrNote("input-table", List.of("dataset version", "role", "rows"), inputs, "no dataset recorded");
        page.end();

        page.section("children", "Nested runs");
        RunPage children = tracker.experiment(run.experiment()).search(RunQuery.all().childrenOf(run.id())
                .limit(MAX_PAGE_SIZE));
        List<List<Cell>> nested = new ArrayList<>();
        for (RunInfo child : children.runs()) {
            nested.add(List.of(Cell.link(child.name(), Links.run(child.id())), status(child.status()),
                    Cell.text(Pages.shown(child.started()))));
        }
        if (nested.isEmpty()) {
            page.note("no nested runs");
        } else {
            page.table("child-table", List.of("run", "status", "started"), nested);
            if (children.hasMore()) {
                page.note("the first " + MAX_PAGE_SIZE + " of " + children.total() + " are shown");
            }
        }
        page.end();

        page.section("models", "Model versions registered from this run");
        List<List<Cell>> models = new ArrayList<>();
        for (ModelVersion version : tracker.registry().versionsFromRun(run.id())) {
            models.add(List.of(Cell.link(version.reference(), Links.model(version.model())),
                    Cell.text(version.review().state().name().toLowerCase(Locale.ROOT))));
        }
        page.tableOrNote("model-table", List.of("version", "review"), models, "none");
        page.end();

        keyValues(page, "environment", "Environment", run.environment(), "not recorded");
        return page.html();
    }

    private static void keyValues(Page page, String id, String heading, Map<String, String> values, String none) {
        page.section(id, heading);
        List<List<Cell>> rows = new ArrayList<>();
        new java.util.TreeMap<>(values).forEach((k, v) -> rows.add(List.of(Cell.text(k), Cell.text(v))));
        page.tableOrNote(id + "-table", List.of("key", "value"), rows, none);
        page.end();
    }

    /** The runs chosen, side by side: the run comparison report, with links to each run. */
    String compare(Parameters parameters) {
        List<String> ids = parameters.all("run");
        if (ids.isEmpty()) {
            throw new BadRequest("choose at least one run to compare");
        }
        if (ids.size() > dev.mlops.reports.Reports.MAX_COMPARED_RUNS) {
            throw new BadRequest("a comparison shows at most " + dev.mlops.reports.Reports.MAX_COMPARED_RUNS
                    + " runs, not " + ids.size());
        }
        List<RunInfo> runs = new ArrayList<>();
        for (String id : new java.util.LinkedHashSet<>(ids)) {
            runs.add(tracker.run(id));
        }
        Map<String, Map<String, List<MetricPoint>>> histories = new LinkedHashMap<>();
        for (RunInfo run : runs) {
            Map<String, List<MetricPoint>> byName = new LinkedHashMap<>();
            for (String metric : run.metrics().keySet()) {
                if (run.metrics().get(metric).count() > 1) {
                    byName.put(metric, tracker.metricHistory(run.id(), metric));
                }
            }
            histories.put(run.id(), byName);
        }
        Page page = Pages.page("Run comparison", ComparisonPage.summary(runs));
        Markup links = new Markup().open("p", "id", "compared");
        runs.forEach(run -> links.element("a", ComparisonPage.label(run), "href", Links.run(run.id())).text(" "));
        page.markup(links.close("p"));
        ComparisonPage.sections(page, runs, histories);
        return page.html();
    }
}
