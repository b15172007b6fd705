package dev.mlops.tracking.postgres;

import dev.mlops.api.tracking.Tracker;
import dev.mlops.tracking.contract.TrackerContract;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The PostgreSQL store with its bodies in a shared directory, against the same contract. */
class PostgresDirectoryBlobsContractTest extends TrackerContract {

    private static final Map<Path, String> SCHEMAS = new ConcurrentHashMap<>();

    @Override
    protected Tracker open(Path root, Clock clock) {
        String schema = SCHEMAS.computeIfAbsent(root, r -> TestDatabase.freshSchema());
        return PostgresTracking.open(TestDatabase.dataSource(), PostgresOptions.defaults().schema(schema).clock(clock)
                .actor("tester").workingDirectory(null).metricBatchSize(100).blobsIn(root.resolve("shared-blobs")));
    }
}
