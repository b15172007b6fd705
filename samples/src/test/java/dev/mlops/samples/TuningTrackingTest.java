package dev.mlops.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Frame;
import dev.mlops.api.model.FittedModel;
import dev.mlops.api.model.ProgressListener;
import dev.mlops.api.model.Task;
import dev.mlops.api.tracking.Run;
import dev.mlops.api.tracking.RunInfo;
import dev.mlops.api.tracking.RunQuery;
import dev.mlops.api.tracking.RunStatus;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.core.prep.Prep;
import dev.mlops.core.split.Split;
import dev.mlops.core.train.AlgorithmTrainer;
import dev.mlops.core.train.Algorithms;
import dev.mlops.core.train.Option;
import dev.mlops.core.train.TribuoCart;
import dev.mlops.core.tune.SearchSpace;
import dev.mlops.core.tune.Tuning;
import dev.mlops.core.tune.TuningResult;
import dev.mlops.tracking.Tracking;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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

    /** A CART tree that throws instead when its {@code explode} option is set. */
    static final class Explosive extends AlgorithmTrainer<Explosive> {
        static final Option<Boolean> EXPLODE = Option.flag("explode", false, "throw instead of training");

        Explosive(Map<String, Object> values, long seed) {
            super("test.explosive", Task.CLASSIFICATION, List.of(EXPLODE), values, seed);
        }

        @Override
        protected Explosive copy(Map<String, Object> values, long seed) {
            return new Explosive(values, seed);
        }

        @Override
        protected void check(Frame prepared, String target) {
        }

        @Override
        protected FittedModel train(Frame prepared, String target, ProgressListener listener) {
            if (get(EXPLODE)) {
                throw new IllegalStateException("boom");
            }
            return Algorithms.tribuo().cart().fit(prepared, target, listener);
        }
    }

    @Test
    void aFailedTrialIsAFailedNestedRunWithItsError() {
        try (Tracker tracker = Tracking.local(store)) {
            String parentId;
            try (Run parent = tracker.experiment("iris-tuning").start("failing")) {
                parentId = parent.id();
                Tuning.grid(new Explosive(Map.of(), 1), SearchSpace.of().values(Explosive.EXPLODE, false, true))
                        .validation(Split.holdout(0.7).stratifiedBy("species").seed(1)).track(parent)
                        .run(Datasets.iris().frame(), "species", Prep.chain());
            }
            List<RunInfo> children = tracker.experiment("iris-tuning").search(RunQuery.all().childrenOf(parentId)).runs();
            RunInfo failed = children.stream().filter(r -> r.name().equals("trial-1")).findFirst().orElseThrow();
            assertEquals(RunStatus.FAILED, failed.status());
            assertTrue(failed.tags().get("tuning.error").contains("boom"));
            assertEquals("true", failed.params().get("explode"));
            RunInfo fine = children.stream().filter(r -> r.name().equals("trial-0")).findFirst().orElseThrow();
            assertEquals(RunStatus.FINISHED, fine.status());
        }
    }
}
