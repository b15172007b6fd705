package dev.mlops.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mlops.api.tracking.Tracker;
import dev.mlops.tracking.postgres.PostgresOptions;
import dev.mlops.tracking.postgres.PostgresTracking;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

/**
 * The registry sample on a real PostgreSQL (embedded, from Maven artifacts), its store line changed
 * from {@code Tracking.local(...)} to {@code PostgresTracking.open(...)} and nothing else: the same
 * champion, challenger, lineage and audit trail as on the file store ({@code TrackedSamplesTest}).
 */
class RegistrySamplePostgresTest {

    @Test
    void theRegistrySampleRunsUnchangedOnPostgres() throws Exception {
        try (EmbeddedPostgres server = EmbeddedPostgres.builder().start()) {
            String url = server.getJdbcUrl("postgres", "postgres");
            try (Tracker tracker = PostgresTracking.open(url, "postgres", "postgres", 4,
                    PostgresOptions.defaults().actor("sample-trainer"))) {
                RegistrySample.run(tracker);
            }
            try (Tracker tracker = PostgresTracking.open(url, "postgres", "postgres", 2, PostgresOptions.defaults())) {
                var champion = tracker.registry().version("adult-rule@champion");
                assertEquals(1, champion.version());
                assertEquals("reviewer-ana", champion.review().reviewer());
                assertEquals(2, tracker.registry().version("adult-rule@challenger").version());
                assertEquals("14", tracker.run(champion.runId()).params().get("threshold"));
                assertEquals(7, tracker.registry().audit("adult-rule").size());
                assertEquals(16, tracker.experiment("adult-rules").runs().size());
            }
        }
    }
}
