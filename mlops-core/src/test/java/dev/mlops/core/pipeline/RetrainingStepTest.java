package dev.mlops.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Frame;
import dev.mlops.core.bundle.ModelBundle;
import dev.mlops.core.train.Algorithms;
import dev.mlops.core.train.Iris;
import org.junit.jupiter.api.Test;

/** A pipeline as a retraining step: it trains on the rows it is given and hands back its model, or says why not. */
class RetrainingStepTest {

    private static final Frame IRIS = Iris.frame();

    @Test
    void eachCallTrainsOnTheFreshRowsAndGivesTheModel() {
        Retraining step = Pipeline.from("old", IRIS.head(20)).target("species").train(Algorithms.tribuo().cart())
                .asRetraining();
        ModelBundle candidate = step.retrain(IRIS);
        assertEquals(120, candidate.metadata().trainingRows(),
                "trained on the default 80% split of the 150 fresh rows, not on the pipeline's own 20");
        assertTrue(candidate.metadata().metrics().containsKey("accuracy"));
        assertTrue(candidate.monitoring().orElseThrow().predictionBaseline().isPresent(),
                "scored on its test rows, as any pipeline run");
    }

    @Test
    void aRunThatFailsItsGatesGivesNoCandidateAndSaysWhy() {
        Retraining strict = Pipeline.from("old", IRIS).target("species").train(Algorithms.tribuo().cart())
                .gate(Gates.atLeast("accuracy", 1.01)).asRetraining();
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> strict.retrain(IRIS));
        assertTrue(refused.getMessage().contains("accuracy >= 1.01"), refused.getMessage());
    }
}
