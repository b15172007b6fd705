package dev.mlops.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.pipeline.PipelineStage;
import dev.mlops.api.tracking.ModelRegistry;
import dev.mlops.api.tracking.ModelSource;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.core.pipeline.Gates;
import dev.mlops.core.pipeline.Pipeline;
import dev.mlops.core.pipeline.PipelineException;
import dev.mlops.core.pipeline.PipelineResult;
import dev.mlops.core.prep.Impute;
import dev.mlops.core.prep.Prep;
import dev.mlops.core.prep.Unseen;
import dev.mlops.core.train.Algorithms;
import dev.mlops.tracking.LocalOptions;
import dev.mlops.tracking.Tracking;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline's DEPLOY stage puts the new version into service at once, or gives the alias back. */
class DeployStageTest {

    @TempDir
    Path dir;
    private Tracker tracker;
    private ModelRegistry registry;

    @BeforeEach
    void open() {
        tracker = Tracking.local(dir, LocalOptions.defaults().workingDirectory(null));
        registry = tracker.registry();
        registry.register("toy", ModelSource.of(Toy.bundle(1).toBytes()));
        registry.setAlias("toy", "champion", 1);
    }

    @AfterEach
    void close() {
        tracker.close();
    }

    private static Pipeline pipeline() {
        return Pipeline.from("toy.csv", Toy.frame(300, 4)).target("y")
                .prepare(Prep.chain(Prep.impute(Impute.MEDIAN, "x"), Prep.standardize(), Prep.oneHot(Unseen.ERROR, "city"),
                        Prep.oneHot(Unseen.IGNORE, "plan")))
                .train(Algorithms.tribuo().logisticRegression().seed(5))
                .gate(Gates.atLeast("accuracy", 0.5));
    }

    @Test
    void theNewVersionServesBeforeRunReturns() {
        try (Deployment deployment = Deployment.of(registry, "toy@champion").pollEvery(null).start()) {
            assertEquals(1, deployment.version());
            PipelineResult result = pipeline().track(tracker, "toy").register(registry, "toy", "champion")
                    .deploy(Deployers.refreshing(deployment)).run();
            assertEquals(PipelineResult.Outcome.REGISTERED, result.outcome(), result.toString());
            assertEquals(2, deployment.version(), "served without waiting for a poll");
            assertEquals("deployment toy@champion serves version 2", result.deployed().orElseThrow());
            assertTrue(result.timings().containsKey(PipelineStage.DEPLOY));
            assertEquals("deployment toy@champion serves version 2",
                    tracker.run(result.runId().orElseThrow()).tags().get("pipeline.deployed"));
        }
    }

    @Test
    void aVersionTheDeploymentRefusesFailsTheStageAndTheAliasGoesBack() {
        VersionCheck hostCheck = predictor -> {
            if (predictor.version() == 2) {
                throw new IllegalStateException("the host's own check refuses version 2");
            }
        };
        try (Deployment deployment = Deployment.of(registry, "toy@champion").pollEvery(null).check(hostCheck).start()) {
            PipelineException e = assertThrows(PipelineException.class, () -> pipeline().track(tracker, "toy")
                    .register(registry, "toy", "champion").deploy(Deployers.refreshing(deployment)).run());
            assertEquals(PipelineStage.DEPLOY, e.stage());
            assertTrue(e.getMessage().contains("still serves version 1"), e.getMessage());
            assertEquals(1, deployment.version());
            assertEquals(1, registry.version("toy@champion").version(), "the alias names what serves");
            assertEquals(2, registry.versions("toy", true).size(), "the refused version stays registered");
            assertEquals("toy/1", tracker.run(e.runId().orElseThrow()).tags().get("pipeline.aliasRestored"));
            deployment.refresh();
            assertEquals(1, deployment.version());
        }
    }

    @Test
    void aChallengerWhoseDataTheChampionCannotReadIsNotRegistered() {
        // without 'plan' the champion cannot be scored on the new rows: no silent win over it
        PipelineResult result = Pipeline.from("toy.csv", Toy.frame(300, 4).drop("plan")).target("y")
                .prepare(Prep.chain(Prep.impute(Impute.MEDIAN, "x"), Prep.standardize(), Prep.oneHot(Unseen.ERROR, "city")))
                .train(Algorithms.tribuo().logisticRegression().seed(5)).register(registry, "toy", "champion").run();
        assertEquals(PipelineResult.Outcome.GATE_FAILED, result.outcome());
        assertTrue(result.reason().contains("version 1 could not be scored"), result.reason());
        assertEquals(1, registry.versions("toy", true).size());
    }

    @Test
    void aDeploymentOfAnotherModelIsRefused() {
        registry.register("other", ModelSource.of(Toy.bundle(2).toBytes()));
        registry.setAlias("other", "live", 1);
        try (Deployment other = Deployment.of(registry, "other@live").pollEvery(null).start()) {
            PipelineException e = assertThrows(PipelineException.class, () -> pipeline()
                    .register(registry, "toy", "champion").deploy(Deployers.refreshing(other)).run());
            assertTrue(e.getMessage().contains("follows other@live, not a version of toy"), e.getMessage());
            assertEquals(1, registry.version("toy@champion").version());
        }
    }
}
