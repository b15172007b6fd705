package dev.mlops.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.tracking.Run;
import dev.mlops.api.tracking.RunInfo;
import dev.mlops.api.tracking.RunQuery;
import dev.mlops.api.tracking.RunStatus;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.core.prep.Prep;
import dev.mlops.core.split.Split;
import dev.mlops.core.train.Algorithms;
import dev.mlops.core.train.TribuoCart;
import dev.mlops.core.tune.SearchSpace;
import dev.mlops.core.tune.Tuning;
import dev.mlops.core.tune.TuningResult;
import dev.mlops.tracking.Tracking;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tuning trials become nested runs of a parent run in the real file store. */
class TuningTrackingTest {

    @TempDir
    Path store;

    @Test
    void everyTrialIsANestedRunWithItsHyperparametersAndScores() {
        try (Tracker tracker = Tracking.local(store)) {
            String parentId;
            TuningResult result;
            try (Run parent = tracker.experiment("iris-tuning").start("grid")) {
                parentId = parent.id();
                result = Tuning.grid(Algorithms.tribuo().cart(), SearchSpace.of().values(TribuoCart.MAX_DEPTH, 1, 2, 4))
                        .crossValidation(Split.kFold(3).stratifiedBy("species").seed(5)).parallelism(3).track(parent)
                        .run(Datasets.iris().frame(), "species", Prep.chain());
                parent.logMetric("best.accuracy", result.best().score());
            }
            List<RunInfo> children = tracker.experiment("iris-tuning")
                    .search(RunQuery.all().childrenOf(parentId).orderByMetric("accuracy", true)).runs();
            assertEquals(3, children.size());
            assertTrue(children.stream().allMatch(r -> r.status() == RunStatus.FINISHED));
            RunInfo best = children.get(0);
            assertEquals(result.best().score(), best.metric("accuracy").orElseThrow());
            assertEquals(result.best().config().get("maxDepth").toString(), best.params().get("maxDepth"));
            assertTrue(best.metric("accuracy.std").isPresent(), "fold deviations are recorded");
            assertEquals("trial-" + result.best().index(), best.name());
        }
    }
}
