package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.tracking.ModelSource;
import dev.mlops.api.tracking.Run;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.tracking.postgres.PostgresOptions;
import dev.mlops.tracking.postgres.PostgresTracking;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What an application depending on mlops-tracking-postgres alone gets: the driver, pool and
 * Flyway versions the store is tested with, no ML backend, and a tracker that works.
 */
class PostgresConsumerTest {

    private static List<String> classPath() {
        return Arrays.asList(System.getProperty("java.class.path").split(java.io.File.pathSeparator));
    }

    @Test
    void theStoreComesWithTheVersionsItWasTestedWith() {
        for (String jar : List.of("postgresql-42.7.14.jar", "HikariCP-7.1.0.jar", "flyway-core-13.12.1.jar",
                "flyway-database-postgresql-13.12.1.jar")) {
            assertTrue(classPath().stream().anyMatch(p -> p.endsWith(jar)), jar + " is not on the class path: "
                    + classPath());
        }
        for (String unwanted : List.of("tribuo", "smile", "xgboost4j", "mlops-core")) {
            assertTrue(classPath().stream().noneMatch(p -> p.contains(unwanted)), unwanted + " is on the class path");
        }
    }

    @Test
    void runsAndTheRegistryWorkOnARealServer() throws Exception {
        try (EmbeddedPostgres server = EmbeddedPostgres.builder().start();
                Tracker tracker = PostgresTracking.open(server.getJdbcUrl("postgres", "postgres"), "postgres",
                        "postgres", 2, PostgresOptions.defaults().schema("app"))) {
            try (Run run = tracker.experiment("e").start("r")) {
                run.logParam("p", "1");
                run.logMetric("loss", 0.5, 1);
            }
            assertEquals(1, tracker.experiment("e").runs().size());
            assertEquals(1, tracker.registry().register("m", ModelSource.opaque(new byte[] {1})).version());
        }
    }
}
