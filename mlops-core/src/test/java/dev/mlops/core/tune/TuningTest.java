package dev.mlops.core.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Frame;
import dev.mlops.core.prep.Prep;
import dev.mlops.core.split.Split;
import dev.mlops.api.model.FittedModel;
import dev.mlops.api.model.ProgressListener;
import dev.mlops.api.model.Task;
import dev.mlops.core.train.AlgorithmTrainer;
import dev.mlops.core.train.Algorithms;
import dev.mlops.core.train.Option;
import dev.mlops.core.train.Iris;
import dev.mlops.core.train.TribuoCart;
import dev.mlops.core.train.TribuoXGBoost;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class TuningTest {

    private static final Frame IRIS = Iris.frame();

    @Test
    void gridSearchTriesEveryCombinationAndRefitsTheBest() {
        SearchSpace space = SearchSpace.of().values(TribuoCart.MAX_DEPTH, 1, 3).values(TribuoCart.MIN_CHILD_WEIGHT, 1.0, 5.0);
        List<Trial> seen = new CopyOnWriteArrayList<>();
        TuningResult result = Tuning.grid(Algorithms.tribuo().cart(), space)
                .crossValidation(Split.kFold(3).stratifiedBy("species").seed(1)).parallelism(2).onTrial(seen::add)
                .run(IRIS, "species", Prep.chain());
        assertEquals(4, result.trials().size());
        assertEquals(4, seen.size());
        assertEquals(List.of(Map.of("maxDepth", 1, "minChildWeight", 1.0), Map.of("maxDepth", 1, "minChildWeight", 5.0),
                Map.of("maxDepth", 3, "minChildWeight", 1.0), Map.of("maxDepth", 3, "minChildWeight", 5.0)),
                result.trials().stream().map(Trial::config).toList());
        // a depth-1 tree separates only one species: at most 2/3 accuracy
        assertTrue(result.trials().get(0).score() <= 2.0 / 3 + 1e-9);
        assertEquals(3, result.best().config().get("maxDepth"));
        assertEquals("3", result.bestModel().metadata().hyperparameters().get("maxDepth"));
        assertEquals(result.best().score(), result.bestModel().metadata().metrics().get("accuracy"));
        assertEquals(result.best(), result.ranked().get(0));
    }

    @Test
    void randomSearchIsTheSameWhateverTheParallelism() {
        SearchSpace space = SearchSpace.of().logUniform(TribuoXGBoost.ETA, 0.05, 0.5).integers(TribuoXGBoost.TREES, 5, 20)
                .values(TribuoXGBoost.MAX_DEPTH, 2, 3);
        Tuning search = Tuning.random(Algorithms.tribuo().xgboost(), space, 5, 11)
                .validation(Split.holdout(0.7).stratifiedBy("species").seed(3)).optimize("logLoss", false);
        TuningResult one = search.parallelism(1).run(IRIS, "species", Prep.chain());
        TuningResult two = search.parallelism(2).run(IRIS, "species", Prep.chain());
        assertEquals(one.trials().stream().map(Trial::config).toList(), two.trials().stream().map(Trial::config).toList());
        assertEquals(one.trials().stream().map(Trial::metrics).toList(), two.trials().stream().map(Trial::metrics).toList());
        assertEquals(one.best().index(), two.best().index());
        for (Trial trial : one.trials()) {
            double eta = (Double) trial.config().get("eta");
            assertTrue(eta >= 0.05 && eta <= 0.5, "eta " + eta);
        }
        assertTrue(one.ranked().get(0).score() <= one.ranked().get(4).score(), "log loss is minimized");
    }

    @Test
    void badSpacesAreRefusedBeforeAnyTrialRuns() {
        assertThrows(IllegalArgumentException.class, () -> SearchSpace.of().values(TribuoXGBoost.ETA, 2.0));
        assertThrows(IllegalArgumentException.class, () -> SearchSpace.of().logUniform(TribuoXGBoost.ETA, 0, 0.1));
        assertThrows(IllegalArgumentException.class,
                () -> Tuning.grid(Algorithms.tribuo().xgboost(), SearchSpace.of().uniform(TribuoXGBoost.ETA, 0.1, 0.2)));
        assertThrows(IllegalArgumentException.class, () -> Tuning.grid(Algorithms.tribuo().cart(),
                SearchSpace.of().values(TribuoXGBoost.ETA, 0.1)), "eta is not a CART hyperparameter");
        assertThrows(IllegalArgumentException.class, () -> Tuning.grid(Algorithms.tribuo().cart(),
                SearchSpace.of()).optimize("auc", true).validation(Split.holdout(0.7).seed(1)).run(IRIS, "species",
                Prep.chain()));
    }

    /** Delegates to a CART tree, or throws when its {@code explode} option is set: a trial that fails at run time. */
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
            return Algorithms.tribuo().cart().maxDepth(3).fit(prepared, target, listener);
        }
    }

    @Test
    void aFailingTrialIsRecordedAndTheSearchGoesOn() {
        Explosive trainer = new Explosive(Map.of(), 1);
        TuningResult result = Tuning.grid(trainer, SearchSpace.of().values(Explosive.EXPLODE, true, false))
                .validation(Split.holdout(0.7).stratifiedBy("species").seed(3)).parallelism(2)
                .run(IRIS, "species", Prep.chain());
        assertEquals(2, result.trials().size());
        Trial failed = result.trials().get(0);
        assertTrue(!failed.succeeded() && failed.error().contains("boom") && Double.isNaN(failed.score()));
        assertEquals(1, result.best().index());
        assertEquals(failed, result.ranked().get(1), "failed trials rank last");

        IllegalStateException all = assertThrows(IllegalStateException.class, () -> Tuning.grid(trainer,
                SearchSpace.of().values(Explosive.EXPLODE, true)).validation(Split.holdout(0.7).seed(3))
                .run(IRIS, "species", Prep.chain()));
        assertEquals("boom", all.getMessage(), "when every trial fails, the first failure is thrown");
    }
}
