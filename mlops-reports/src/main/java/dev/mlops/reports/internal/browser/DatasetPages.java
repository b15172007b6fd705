package dev.mlops.reports.internal.browser;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mlops.api.Field;
import dev.mlops.api.tracking.DatasetVersion;
import dev.mlops.api.tracking.Datasets;
import dev.mlops.api.tracking.ModelRegistry;
import dev.mlops.api.tracking.ModelVersion;
import dev.mlops.core.profile.DataProfile;
import dev.mlops.reports.internal.Page;
import dev.mlops.reports.internal.Page.Cell;
import dev.mlops.reports.internal.ProfilePage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The browser's pages about dataset versions: every version, and one version with its schema, where
 * its rows came from, the models trained on it and its profile report (the profile stored with it,
 * or one computed from its rows and kept for the next visit).
 */
final class DatasetPages {

    /** Profiles computed from rows, kept for the versions most recently shown. */
    static final int KEPT_PROFILES = 16;

    private final Datasets datasets;
    private final ModelRegistry registry;
    private final Cache<String, DataProfile> profiles = Caffeine.newBuilder().maximumSize(KEPT_PROFILES).build();

    DatasetPages(Datasets datasets, ModelRegistry registry) {
        this.datasets = datasets;
        this.registry = registry;
    }

    /** Every dataset version, by name. */
    String datasets() {
        Page page = Pages.page("Datasets", "the tracking store's dataset versions");
        page.section("datasets", "Dataset versions");
        List<List<Cell>> rows = new ArrayList<>();
        for (String name : datasets.names()) {
            for (DatasetVersion version : datasets.versions(name)) {
                rows.add(List.of(Cell.link(version.reference(), Links.dataset(version)),
                        Cell.count(version.fingerprint().rowCount()),
                        Cell.count(version.fingerprint().schema().size()),
                        Cell.text(version.fingerprint().sha256().substring(0, 12)),
                        Cell.text(Pages.shown(version.created()))));
            }
        }
        page.tableOrNote("dataset-table", List.of("version", "rows", "columns", "content (SHA-256)", "logged"), rows, "no dataset logged yet");
        page.end();
        return page.html();
    }

    /** One version: what it is, where it came from, the models trained on it, and its profile. */
    String dataset(Parameters parameters) {
        DatasetVersion version = datasets.version(parameters.required("ref"));
        DataProfile profile = datasets.profileJson(version).map(DataProfile::fromJson)
                .orElseGet(() -> profiles.get(version.reference(), ref -> DataProfile.of(datasets.load(version))));
        Page page = Pages.page(version.reference(), ProfilePage.summary(profile));

        page.section("version", "Version");
        List<List<Cell>> about = new ArrayList<>();
        about.add(List.of(Cell.text("reference"), Cell.text(version.reference())));
        about.add(List.of(Cell.text("rows"), Cell.count(version.fingerprint().rowCount())));
        about.add(List.of(Cell.text("content (SHA-256)"), Cell.text(version.fingerprint().sha256())));
        about.add(List.of(Cell.text("logged"), Cell.text(Pages.shown(version.created()))));
        datasets.origin(version).ifPresent(origin -> {
            about.add(List.of(Cell.text("origin"), Cell.text(origin.kind() + ": " + origin.description())));
            if (!origin.parameters().isEmpty()) {
                about.add(List.of(Cell.text("origin parameters"), Cell.text(String.join(", ", origin.parameters()))));
            }
        });
        page.table("version-table", List.of("", ""), about);
        page.subheading("Schema");
        List<List<Cell>> fields = new ArrayList<>();
        for (Field field : version.fingerprint().schema().fields()) {
            fields.add(List.of(Cell.text(field.name()), Cell.text(field.type().name().toLowerCase(Locale.ROOT)),
                    Cell.text(field.nullable() ? "yes" : "no")));
        }
        page.table("schema-table", List.of("column", "type", "nullable"), fields);
        page.subheading("Models trained on it");
        List<List<Cell>> models = new ArrayList<>();
        for (ModelVersion model : registry.versionsFromDataset(version.reference())) {
            models.add(List.of(Cell.link(model.reference(), Links.model(model.model())),
                    Cell.text(model.review().state().name().toLowerCase(Locale.ROOT))));
        }
        page.tableOrNote("trained-table", List.of("model version", "review"), models, "none");
        page.end();
        ProfilePage.sections(page, profile);
        return page.html();
    }
}
