package dev.mlops.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mlops.api.tracking.DatasetOrigin;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** A query source says where its rows come from, so a tracked run records the query with its data. */
class JdbcSourceOriginTest {

    @Test
    void aQuerySourceNamesItsQueryAndParameters() {
        Object[] parameters = {"lima", 42, null};
        var source = Jdbc.source("staff", new PGSimpleDataSource(), "select * from staff where city = ? and age > ?"
                + " and team is not distinct from ?", parameters);
        parameters[0] = "oslo"; // the source copied them when it was made
        assertEquals(Optional.of(new DatasetOrigin("query", "select * from staff where city = ? and age > ? and team"
                + " is not distinct from ?", List.of("lima", "42", "null"))), source.origin());
        assertEquals(Optional.empty(), dev.mlops.api.pipeline.DataSource.of("x", () -> null).origin());
    }
}
