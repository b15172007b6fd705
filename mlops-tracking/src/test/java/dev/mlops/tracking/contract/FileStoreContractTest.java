package dev.mlops.tracking.contract;

import dev.mlops.api.tracking.Tracker;
import dev.mlops.tracking.LocalOptions;
import dev.mlops.tracking.Tracking;
import java.nio.file.Path;
import java.time.Clock;

/** The embedded file store against the shared contract. */
class FileStoreContractTest extends TrackerContract {

    @Override
    protected Tracker open(Path root, Clock clock) {
        return Tracking.local(root.resolve("store"), LocalOptions.defaults().clock(clock).actor("tester")
                .workingDirectory(null).metricBatchSize(100));
    }
}
