package dev.mlops.core.data;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL (14, embedded) shared by one test class, with a way to run set-up SQL on it. Register it as
 * {@code @RegisterExtension static final TestPostgres postgres = new TestPostgres();}: it starts before the class's
 * {@code @BeforeAll} methods and stops after its tests.
 */
final class TestPostgres implements BeforeAllCallback, AfterAllCallback {

    private EmbeddedPostgres postgres;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        postgres.close();
    }

    /** The driver's data source: each connection a new one, in autocommit mode. */
    DataSource db() {
        return postgres.getPostgresDatabase();
    }

    /** Runs each statement in autocommit mode, through the driver only. */
    void execute(String... statements) {
        try (Connection connection = db().getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("set-up SQL failed: " + e.getMessage(), e);
        }
    }
}
