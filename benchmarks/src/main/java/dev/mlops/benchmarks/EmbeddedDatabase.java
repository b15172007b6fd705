package dev.mlops.benchmarks;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sql.DataSource;

/** A real PostgreSQL 14 for a benchmark fork, started from Maven artifacts (no installed server). */
final class EmbeddedDatabase implements AutoCloseable {

    private final EmbeddedPostgres server;

    EmbeddedDatabase() {
        try {
            server = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
        }
    }

    DataSource dataSource() {
        return server.getPostgresDatabase();
    }

    String url() {
        return server.getJdbcUrl("postgres", "postgres");
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
