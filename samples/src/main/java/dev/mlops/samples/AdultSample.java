package dev.mlops.samples;

import dev.mlops.api.Frame;
import dev.mlops.api.pipeline.DataSource;
import dev.mlops.api.tracking.ModelVersion;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.core.check.Checks;
import dev.mlops.core.check.Severity;
import dev.mlops.core.pipeline.Gates;
import dev.mlops.core.pipeline.Pipeline;
import dev.mlops.core.pipeline.PipelineResult;
import dev.mlops.core.train.AlgorithmTrainer;
import dev.mlops.core.train.Algorithms;
import dev.mlops.core.train.ConsoleProgress;
import dev.mlops.tracking.Tracking;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The whole lifecycle on the Adult census data as one pipeline, told as a short story: the data;
 * a pipeline that checks it, prepares it, trains gradient-boosted trees on {@code adult.data},
 * tests them on the official {@code adult.test} beside the published error rates, gates and
 * registers them as {@code adult-income@champion}, tracked; the same pipeline again, read from the
 * stage cache; the recorded run re-run from its record, bit for bit; a weaker challenger refused by
 * the gate; the data's profile, its drift, the champion's evaluation and the two runs side by side as
 * HTML reports (see {@link AdultReports}); then the champion served (see {@link AdultServing}). Everything is kept in the
 * embedded store ({@code -Dmlops.data=DIR}, default {@code ./mlops-data}).
 *
 * <p>Run it with {@code mvn -B -q -pl samples -am compile exec:java} from the repository root.
 */
public final class AdultSample {

    static final String MODEL = "adult-income";

    private AdultSample() {
    }

    public static void main(String[] args) {
        ConsoleProgress.quietBackends();
        Path storeRoot = Datasets.storeRoot();
        try (Tracker tracker = Tracking.local(storeRoot)) {
            Frame train = Datasets.adultTrain().frame();
            Frame test = Datasets.adultTestWithTrainingLabels();
            System.out.printf(Locale.ROOT, "1. The data: adult.data %,d rows x %d columns to train on; adult.test %,d"
                    + " rows to test on, its labels mapped from '>50K.' to '>50K'%n", train.rowCount(),
                    train.columnCount(), test.rowCount());

            // one native thread: XGBoost's threads spin, and fight Maven's and the JIT's for 2 cores
            AlgorithmTrainer<?> boosted = Algorithms.tribuo().xgboost();
            Pipeline pipeline = Pipeline.from(DataSource.of("adult.data", () -> Datasets.adultTrain().frame()))
                    .target(AdultTraining.TARGET)
                    .validate(Checks.complete(AdultTraining.TARGET), Checks.range("age", 17, 90),
                            Checks.allowed("sex", Set.of("Male", "Female")), Checks.rowCount(30_000, 40_000),
                            Checks.completeness("occupation", 0.95).withSeverity(Severity.WARNING))
                    .prepare(AdultTraining.preparation(boosted))
                    .testOn(DataSource.of("adult.test", () -> test))
                    .train(boosted)
                    .gate(Gates.atLeast("accuracy", 0.85), Gates.beatsChampion("accuracy", 0.001))
                    .track(tracker, "adult")
                    .cache(storeRoot.resolve("stage-cache"));

            System.out.println("\n2. The pipeline: check, prepare, train XGBoost, test on adult.test, gate, register");
            PipelineResult first = pipeline.register(tracker.registry(), MODEL, "champion")
                    .listener(ConsoleProgress.toStandardOutput()).run();
            System.out.print(first);
            System.out.printf(Locale.ROOT, "   Test error %.2f%%; the error rates published for this split range from"
                    + " %.2f%% (best listed) to %.2f%%%n", 100 * first.metrics().get("error"),
                    AdultTraining.PUBLISHED_ERRORS.values().stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                    AdultTraining.PUBLISHED_ERRORS.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow());

            System.out.println("\n3. The same pipeline again (not registering): costly stages read from the stage cache");
            PipelineResult again = pipeline.run();
            System.out.printf(Locale.ROOT, "   %s; %s read from the cache; %.1f s instead of %.1f s%n",
                    again.outcome(), again.cached(), seconds(again), seconds(first));

            String runId = first.runId().orElseThrow();
            System.out.println("\n4. Run " + runId + " built again from its record (pipeline.json and its dataset"
                    + " versions) and re-run");
            PipelineResult rerun = Pipeline.rerun(tracker, runId);
            System.out.printf(Locale.ROOT, "   same metrics, bit for bit: %s; %s%n",
                    rerun.metrics().equals(first.metrics()), rerun.reason());

            System.out.println("\n5. A challenger: the same pipeline with a logistic regression");
            AlgorithmTrainer<?> logistic = Algorithms.tribuo().logisticRegression();
            PipelineResult challenger = pipeline.prepare(AdultTraining.preparation(logistic)).train(logistic)
                    .register(tracker.registry(), MODEL, "champion").run();
            System.out.printf(Locale.ROOT, "   %s: accuracy %.4f against the champion's %.4f; %s%n", challenger.outcome(),
                    challenger.metrics().get("accuracy"), challenger.championMetrics().get("accuracy"),
                    challenger.reason());

            ModelVersion champion = tracker.registry().version(MODEL + "@champion");
            System.out.println("\n6. The pictures: self-contained HTML reports, no script, open in any browser");
            for (Path report : AdultReports.write(tracker, train, test, champion, List.of(runId,
                    challenger.runId().orElseThrow()), storeRoot)) {
                System.out.println("   " + report);
            }
            System.out.println("   Browse the whole store: mvn -B -q -pl mlops-reports -am compile exec:java"
                    + " -Dbrowse.skip=false -Dexec.args=\"" + storeRoot + "\"");

            System.out.println("\n7. The champion, served");
            AdultServing.run(tracker, champion, train, test, storeRoot);
        }
    }

    private static double seconds(PipelineResult result) {
        return result.timings().values().stream().mapToLong(d -> d.toNanos()).sum() / 1e9;
    }
}
