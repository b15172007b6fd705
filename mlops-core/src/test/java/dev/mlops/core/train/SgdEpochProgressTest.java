package dev.mlops.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Frame;
import dev.mlops.api.model.ProgressEvent;
import dev.mlops.core.prep.Prep;
import dev.mlops.core.train.internal.TribuoData;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.math.optimisers.AdaGrad;

/** Tribuo's SGD trainers report each epoch, with its loss, without a change to the fit or the console. */
class SgdEpochProgressTest {

    private static Frame prepared() {
        Frame iris = Iris.frame();
        return Prep.chain(Prep.standardize()).fit(iris.drop("species")).transform(iris.drop("species"))
                .withColumn(iris.column("species"));
    }

    @Test
    void everyEpochIsReportedInOrderWithItsLoss() {
        List<ProgressEvent> events = Collections.synchronizedList(new ArrayList<>());
        Algorithms.tribuo().logisticRegression().epochs(7).fit(prepared(), "species", events::add);
        List<ProgressEvent> epochs = events.stream().filter(e -> e.stage() == ProgressEvent.Stage.EPOCH).toList();
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7), epochs.stream().map(ProgressEvent::done).toList());
        assertTrue(epochs.stream().allMatch(e -> e.total() == 7 && e.message().startsWith("loss ")), epochs.toString());
        List<ProgressEvent> regression = new ArrayList<>();
        Frame numeric = prepared().drop("species");
        Algorithms.tribuo().linearRegression().with(TribuoLinearRegression.EPOCHS, 3).with(TribuoLinearRegression.MINIBATCH, 10).fit(numeric, "petal_width", regression::add);
        assertEquals(List.of(1, 2, 3), regression.stream().filter(e -> e.stage() == ProgressEvent.Stage.EPOCH)
                .map(ProgressEvent::done).toList());
    }

    @Test
    void loggingEachEpochDoesNotChangeTheFit() {
        Frame frame = prepared();
        var data = TribuoData.classification(frame, "species", frame.drop("species").schema());
        Model<Label> quiet = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.1, 0.1), 5, Integer.MAX_VALUE, 1,
                42).train(data);
        Model<Label> logged = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.1, 0.1), 5, 150, 1, 42)
                .train(data);
        for (int i = 0; i < data.size(); i++) {
            assertEquals(quiet.predict(data.getExample(i)).getOutputScores().toString(),
                    logged.predict(data.getExample(i)).getOutputScores().toString(), "example " + i);
        }
    }

    @Test
    void concurrentFitsHearOnlyTheirOwnEpochsAndTheLoggerIsRestored() throws Exception {
        Logger tribuo = Logger.getLogger("org.tribuo.common.sgd.AbstractSGDTrainer");
        tribuo.setLevel(Level.WARNING);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<Integer>>> fits = new ArrayList<>();
            for (int epochs : new int[] {4, 9}) {
                fits.add(pool.submit(() -> {
                    List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
                    for (int round = 0; round < 5; round++) {
                        seen.clear();
                        Algorithms.tribuo().logisticRegression().epochs(epochs).fit(prepared(), "species",
                                e -> {
                                    if (e.stage() == ProgressEvent.Stage.EPOCH) {
                                        seen.add(e.total());
                                    }
                                });
                    }
                    return new ArrayList<>(seen);
                }));
            }
            assertEquals(Collections.nCopies(4, 4), fits.get(0).get());
            assertEquals(Collections.nCopies(9, 9), fits.get(1).get());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(Level.WARNING, tribuo.getLevel());
        assertTrue(tribuo.getUseParentHandlers());
        assertEquals(0, tribuo.getHandlers().length);
    }
}
