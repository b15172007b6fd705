package dev.mlops.tracking.postgres;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

class EmbeddedPostgresSmokeTest {
    @Test
    void starts() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
                Connection c = pg.getPostgresDatabase().getConnection();
                ResultSet r = c.createStatement().executeQuery("select version()")) {
            assertTrue(r.next());
            System.out.println(r.getString(1));
        }
    }
}
