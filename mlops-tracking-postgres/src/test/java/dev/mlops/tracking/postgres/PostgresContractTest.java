package dev.mlops.tracking.postgres;

import dev.mlops.api.tracking.Tracker;
import dev.mlops.tracking.contract.TrackerContract;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The PostgreSQL store against the contract every store keeps, unchanged: a schema per test. */
class PostgresContractTest extends TrackerContract {

    /** Each test's directory names its store: the same schema when a test opens it again. */
    private static final Map<Path, String> SCHEMAS = new ConcurrentHashMap<>();

    @Override
    protected Tracker open(Path root, Clock clock) {
        String schema = SCHEMAS.computeIfAbsent(root, r -> TestDatabase.freshSchema());
        return PostgresTracking.open(TestDatabase.dataSource(), PostgresOptions.defaults().schema(schema).clock(clock)
                .actor("tester").workingDirectory(null).metricBatchSize(100));
    }
}
