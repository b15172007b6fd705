package dev.mlops.reports.internal.browser;

import dev.mlops.api.tracking.AuditEntry;
import dev.mlops.api.tracking.ModelRegistry;
import dev.mlops.api.tracking.ModelVersion;
import dev.mlops.api.tracking.NotFoundException;
import dev.mlops.api.tracking.RegisteredModel;
import dev.mlops.api.tracking.Review;
import dev.mlops.reports.internal.Markup;
import dev.mlops.reports.internal.Page;
import dev.mlops.reports.internal.Page.Cell;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The browser's pages about the model registry: the models, and one model's versions, aliases and audit log. */
final class RegistryPages {

    private final ModelRegistry registry;

    RegistryPages(ModelRegistry registry) {
        this.registry = registry;
    }

    /** Every registered model with its versions and aliases. */
    String models() {
        Page page = Pages.page("Models", "the model registry");
        page.section("models", "Models");
        List<List<Cell>> rows = new ArrayList<>();
        for (String name : registry.modelNames()) {
            RegisteredModel model = registry.model(name).orElse(null);
            if (model == null) {
                continue; // deleted since it was listed
            }
            rows.add(List.of(Cell.link(name, Links.model(name)), Cell.count(registry.versions(name, true).size()),
                    Cell.text(aliases(model.aliases())), Cell.text(model.description()),
                    Cell.text(Pages.shown(model.created()))));
        }
        page.tableOrNote("model-table", List.of("model", "versions", "aliases", "description", "created"), rows, "no model registered yet");
        page.end();
        return page.html();
    }

    private static String aliases(Map<String, Integer> aliases) {
        List<String> shown = new ArrayList<>();
        new TreeMap<>(aliases).forEach((alias, version) -> shown.add(alias + " \u2192 " + version));
        return String.join(", ", shown);
    }

    /** One model: its aliases, every version with its review and lineage, and the audit log. */
    String model(Parameters parameters) {
        String name = parameters.required("name");
        RegisteredModel model = registry.model(name).orElseThrow(() ->
                new NotFoundException("there is no model '" + name + "'"));
        Page page = Pages.page(name, model.description().isEmpty() ? "registered model" : model.description());

        page.section("aliases", "Aliases");
        List<List<Cell>> aliases = new ArrayList<>();
        new TreeMap<>(model.aliases()).forEach((alias, version) -> aliases.add(List.of(Cell.text(alias),
                Cell.count(version), Cell.text(model.aliasesRequiringApproval().contains(alias)
                        ? "approved versions only" : ""))));
        page.tableOrNote("alias-table", List.of("alias", "version", "rule"), aliases, "no aliases");
        page.end();

        page.section("versions", "Versions");
        List<List<Cell>> versions = new ArrayList<>();
        for (ModelVersion version : registry.versions(name, true)) {
            Review review = version.review();
            versions.add(List.of(Cell.count(version.version()),
                    review(review),
                    Cell.text(review.reviewer() == null ? "" : review.reviewer() + (review.reason() == null
                            || review.reason().isEmpty() ? "" : ": " + review.reason())),
                    version.runId() == null ? Cell.text("") : Cell.link(version.runId(), Links.run(version.runId())),
                    Cell.text(String.join(", ", version.datasets())),
                    Cell.text(metrics(version.metrics())),
                    Cell.text(version.artifactKind().name().toLowerCase(Locale.ROOT)),
                    Cell.count(version.artifactSize()),
                    Cell.text(Pages.shown(version.created()) + " by " + version.createdBy())));
        }
        if (versions.isEmpty()) {
            page.note("no versions");
        } else {
            page.table("version-table", List.of("version", "review", "reviewed by", "trained in run", "datasets",
                    "metrics", "artifact", "bytes", "registered"), versions);
            datasetLinks(page, registry.versions(name, true));
        }
        page.end();

        page.section("audit", "Audit log");
        List<List<Cell>> audit = new ArrayList<>();
        for (AuditEntry entry : registry.audit(name)) {
            audit.add(List.of(Cell.text(entry.at().toString()), Cell.text(entry.actor()), Cell.text(entry.action()),
                    Cell.count(entry.version()), Cell.text(entry.before() == null ? "" : entry.before()),
                    Cell.text(entry.after() == null ? "" : entry.after())));
        }
        page.table("audit-table", List.of("at", "actor", "action", "version", "before", "after"), audit);
        page.end();
        return page.html();
    }

    /** Links to the dataset versions the model's versions were trained on, each once. */
    private static void datasetLinks(Page page, List<ModelVersion> versions) {
        java.util.TreeSet<String> datasets = new java.util.TreeSet<>();
        versions.forEach(v -> datasets.addAll(v.datasets()));
        if (datasets.isEmpty()) {
            return;
        }
        Markup links = new Markup().open("p", "id", "lineage").text("trained on: ");
        datasets.forEach(d -> links.element("a", d, "href", Links.dataset(d)).text(" "));
        page.markup(links.close("p"));
    }

    private static Cell review(Review review) {
        String state = review.state().name().toLowerCase(Locale.ROOT);
        return switch (review.state()) {
            case APPROVED -> Cell.status(state, "ok");
            case REJECTED -> Cell.status(state, "bad");
            case ARCHIVED -> Cell.status(state, "warn");
            default -> Cell.text(state);
        };
    }

    private static String metrics(Map<String, Double> metrics) {
        List<String> shown = new ArrayList<>();
        new TreeMap<>(metrics).forEach((k, v) -> shown.add(k + " " + dev.mlops.reports.internal.Numbers.display(v)));
        return String.join(", ", shown);
    }
}
