package dev.mlops.reports.internal.browser;

import dev.mlops.api.tracking.NotFoundException;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.reports.internal.Markup;
import dev.mlops.reports.internal.Page;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** What every page of the browser shares: the way around, and how instants are shown. */
final class Pages {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Pages() {
    }

    /** A browser page: its forms may submit to the browser, its header links to the main pages. */
    static Page page(String title, String subtitle) {
        Markup links = new Markup().element("a", "Experiments", "href", Links.HOME)
                .element("a", "Models", "href", Links.MODELS).element("a", "Datasets", "href", Links.DATASETS);
        return new Page(title, subtitle).withForms().navigation(links);
    }

    /** An instant to the second, in UTC. */
    static String shown(Instant instant) {
        return instant == null ? "" : SHOWN.format(instant);
    }

    /**
     * Checks that {@code experiment} exists: the browser only reads, and asking the tracker for an
     * experiment that does not exist would create it.
     */
    static void requireExperiment(Tracker tracker, String experiment) {
        if (!tracker.experimentNames().contains(experiment)) {
            throw new NotFoundException("there is no experiment '" + experiment + "'");
        }
    }
}
