package dev.mlops.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mlops.api.Frame;
import dev.mlops.api.model.ProgressEvent;
import dev.mlops.core.prep.Prep;
import dev.mlops.core.train.internal.TribuoData;
import dev.mlops.core.train.internal.XGBoostRounds;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.junit.jupiter.api.Test;
import org.tribuo.Dataset;
import org.tribuo.classification.Label;
import org.tribuo.common.xgboost.XGBoostModel;

/** XGBoost reports each boosting round, and training round by round builds Tribuo's model to the bit. */
class XGBoostRoundProgressTest {

    private static final XGBoostRounds.Settings SAMPLED = new XGBoostRounds.Settings(25, 0.3, 0.1, 4, 1, 0.7, 0.6,
            1, 0.05, 1, 17);

    private static Frame iris() {
        Frame iris = Iris.frame();
        return Prep.chain(Prep.standardize()).fit(iris.drop("species")).transform(iris.drop("species"))
                .withColumn(iris.column("species"));
    }

    private static Dataset<Label> data() {
        Frame frame = iris();
        return TribuoData.classification(frame, "species", frame.drop("species").schema());
    }

    @Test
    void everyRoundIsReportedInOrder() {
        List<ProgressEvent> events = new ArrayList<>();
        Algorithms.tribuo().xgboost().trees(12).fit(iris(), "species", events::add);
        List<ProgressEvent> rounds = events.stream().filter(e -> e.stage() == ProgressEvent.Stage.ROUND).toList();
        assertEquals(IntStream.rangeClosed(0, 12).boxed().toList(), rounds.stream().map(ProgressEvent::done).toList());
        assertEquals(List.of("tribuo.xgboost"), rounds.stream().map(ProgressEvent::label).distinct().toList());
        assertEquals(List.of(12), rounds.stream().map(ProgressEvent::total).distinct().toList());
    }

    @Test
    void theConsoleShowsAboutTenLinesOfRoundsPerFit() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        Algorithms.tribuo().xgboost().trees(300).fit(iris(), "species",
                ConsoleProgress.to(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8)));
        List<String> rounds = bytes.toString(java.nio.charset.StandardCharsets.UTF_8).lines()
                .filter(l -> l.startsWith("[round")).toList();
        assertEquals(11, rounds.size(), rounds.toString());
        assertEquals(true, rounds.get(10).startsWith("[round    300/300] #################### 100%  tribuo.xgboost"),
                rounds.get(10));
    }

    @Test
    void roundByRoundGivesTribuosModelToTheBit() throws XGBoostError {
        Dataset<Label> data = data();
        org.tribuo.classification.xgboost.XGBoostClassificationTrainer trainer = SAMPLED.tribuoTrainer();
        XGBoostModel<Label> tribuo = trainer.train(data);
        List<ProgressEvent> events = new ArrayList<>();
        XGBoostModel<Label> ours = new XGBoostRounds(SAMPLED, events::add, "x").train(data);
        assertEquals(26, events.size());
        assertArrayEquals(tribuo.getInnerModels().get(0).toByteArray("ubj"),
                ours.getInnerModels().get(0).toByteArray("ubj"));
        for (int i = 0; i < data.size(); i++) {
            assertEquals(tribuo.predict(data.getExample(i)).getOutputScores().toString(),
                    ours.predict(data.getExample(i)).getOutputScores().toString(), "example " + i);
        }
    }

    @Test
    void theModelRecordsTheProvenanceOfTribuosTrainer() {
        Dataset<Label> data = data();
        var tribuo = SAMPLED.tribuoTrainer().train(data).getProvenance().getTrainerProvenance();
        var ours = new XGBoostRounds(SAMPLED, e -> { }, "x").train(data).getProvenance().getTrainerProvenance();
        assertEquals(tribuo.getClassName(), ours.getClassName());
        assertEquals(tribuo.getConfiguredParameters(), ours.getConfiguredParameters());
    }
}
