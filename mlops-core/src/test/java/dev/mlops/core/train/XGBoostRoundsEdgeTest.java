package dev.mlops.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mlops.api.Frame;
import dev.mlops.api.model.FittedModel;
import dev.mlops.api.model.ProgressEvent;
import dev.mlops.core.prep.Prep;
import dev.mlops.core.train.internal.TribuoData;
import dev.mlops.core.train.internal.XGBoostRounds;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tribuo.Dataset;
import org.tribuo.classification.Label;

/** Attacks on XGBoostRounds. */
class XGBoostRoundsEdgeTest {

    private static final XGBoostRounds.Settings ONE = new XGBoostRounds.Settings(1, 0.3, 0, 3, 1, 1, 1, 1, 0, 1, 5);

    private static Frame iris() {
        Frame iris = Iris.frame();
        return Prep.chain(Prep.standardize()).fit(iris.drop("species")).transform(iris.drop("species"))
                .withColumn(iris.column("species"));
    }

    @Test
    void oneTreeReportsZeroThenOneOfOne() {
        List<ProgressEvent> events = new ArrayList<>();
        Algorithms.tribuo().xgboost().trees(1).fit(iris(), "species", events::add);
        assertEquals(List.of("0/1", "1/1"), events.stream().filter(e -> e.stage() == ProgressEvent.Stage.ROUND)
                .map(e -> e.done() + "/" + e.total()).toList());
    }

    @Test
    void aThrowingListenerDoesNotBreakTheFitThroughThePublicApi() {
        int[] calls = {0};
        FittedModel model = Algorithms.tribuo().xgboost().trees(3).fit(iris(), "species", e -> {
            calls[0]++;
            throw new IllegalStateException("listener broke");
        });
        assertEquals(150, model.predict(iris().drop("species")).size());
        assertEquals(6, calls[0], "2 TRAINING + 4 ROUND events, all still delivered");
    }

    /** Directly (internal API), a throwing listener aborts training; the booster is then never disposed. */
    @Test
    void directUseWithAThrowingListenerAbortsTraining() {
        Frame frame = iris();
        Dataset<Label> data = TribuoData.classification(frame, "species", frame.drop("species").schema());
        assertThrows(IllegalStateException.class, () -> new XGBoostRounds(ONE, e -> {
            if (e.done() == 1) {
                throw new IllegalStateException("boom");
            }
        }, "x").train(data));
    }

    /** Tribuo's trainer honours an explicit invocation count; XGBoostRounds ignores it. */
    @Test
    void anExplicitInvocationCountIsRecordedInTheProvenance() {
        Frame frame = iris();
        Dataset<Label> data = TribuoData.classification(frame, "species", frame.drop("species").schema());
        var tribuo = ONE.tribuoTrainer().train(data, Map.of(), 7).getProvenance().getTrainerProvenance();
        var ours = new XGBoostRounds(ONE, e -> { }, "x").train(data, Map.of(), 7).getProvenance()
                .getTrainerProvenance();
        assertEquals(tribuo.getInstanceValues(), ours.getInstanceValues());
    }
}
