package dev.mlops.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Frame;
import dev.mlops.api.NumericColumn;
import dev.mlops.api.Prediction;
import dev.mlops.api.tracking.ModelSource;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.core.bundle.ModelBundle;
import dev.mlops.core.pipeline.Training;
import dev.mlops.core.prep.Impute;
import dev.mlops.core.prep.Prep;
import dev.mlops.core.prep.Unseen;
import dev.mlops.core.split.Partition;
import dev.mlops.core.split.Split;
import dev.mlops.core.train.Algorithms;
import dev.mlops.serving.Deployment;
import dev.mlops.serving.monitor.Alarm;
import dev.mlops.serving.monitor.MonitorListener;
import dev.mlops.serving.monitor.MonitorSettings;
import dev.mlops.serving.monitor.WindowReport;
import dev.mlops.tracking.Tracking;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live monitoring of an XGBoost model on Adult, served by a deployment: no drift alarm on a
 * held-back slice of adult.data streamed for 50 windows, alarms naming a shifted input and a
 * changed category share within two windows, and accuracy estimated before labels within 1.5
 * points of the accuracy measured on adult.test. Each figure is printed.
 */
class AdultMonitoringTest {

    private static final int WINDOW = 2_000;

    @TempDir
    static Path store;
    private static Tracker tracker;
    private static ModelBundle bundle;
    private static Partition parts;

    @BeforeAll
    static void trainAndRegister() {
        Frame adult = Datasets.adultTrain().frame();
        parts = Split.holdout(0.8).stratifiedBy("Salary").seed(42).apply(adult);
        bundle = Training.with(Algorithms.tribuo().xgboost().trees(150).threads(1)).fit(parts.train(), "Salary",
                Prep.chain(Prep.impute(Impute.MOST_FREQUENT), Prep.oneHot(Unseen.IGNORE)));
        // the held-back fifth of adult.data teaches the monitor the predictions and their calibration
        bundle = bundle.withHeldOut(parts.test());
        tracker = Tracking.local(store);
        tracker.registry().register("adult", ModelSource.of(bundle.toBytes()));
        tracker.registry().setAlias("adult", "champion", 1);
    }

    @AfterAll
    static void close() {
        tracker.close();
    }

    /** Hears every window and alarm. */
    private static final class Heard implements MonitorListener {
        final List<WindowReport> windows = Collections.synchronizedList(new ArrayList<>());
        final List<Alarm> alarms = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void window(WindowReport report) {
            windows.add(report);
        }

        @Override
        public void raised(Alarm alarm) {
            alarms.add(alarm);
        }
    }

    private static Deployment deploy(Heard heard, int window) {
        return Deployment.of(tracker.registry(), "adult@champion").pollEvery(null)
                .monitoring(MonitorSettings.defaults().countWindows(window).executor(Runnable::run).listener(heard))
                .start();
    }

    /** Streams {@code rows} through the deployment in batches, as an application's requests would come. */
    private static List<Prediction> stream(Deployment deployment, Frame rows) {
        List<Prediction> answers = new ArrayList<>(rows.rowCount());
        for (int from = 0; from < rows.rowCount(); from += 500) {
            int to = Math.min(rows.rowCount(), from + 500);
            answers.addAll(deployment.predict(rows.take(IntStream.range(from, to).toArray())));
        }
        return answers;
    }

    private static Frame shuffled(Frame frame, long seed) {
        List<Integer> order = new ArrayList<>(IntStream.range(0, frame.rowCount()).boxed().toList());
        Collections.shuffle(order, new Random(seed));
        return frame.take(order.stream().mapToInt(Integer::intValue).toArray());
    }

    @Test
    void aHeldBackSliceStreamedForFiftyWindowsRaisesNoAlarm() {
        Heard heard = new Heard();
        Frame slice = parts.test().drop("Salary");
        try (Deployment deployment = deploy(heard, WINDOW)) {
            for (int pass = 0; heard.windows.size() < 50; pass++) {
                stream(deployment, shuffled(slice, pass));
            }
        }
        // the deployment's close works out the last, partial window: too few rows to decide on
        var worst = heard.windows.stream().filter(WindowReport::decided)
                .flatMap(w -> w.inputDrift().orElseThrow().columns().stream())
                .collect(java.util.stream.Collectors.toMap(c -> c.column() + " (" + c.method().displayName() + ")",
                        c -> c.score(), Math::max, java.util.TreeMap::new));
        System.out.printf(Locale.ROOT, "held-back slice: %d windows of %d, %d alarms; largest score per input %s%n",
                heard.windows.stream().filter(WindowReport::decided).count(), WINDOW, heard.alarms.size(), worst);
        assertTrue(heard.windows.size() >= 50);
        assertEquals(List.of(), heard.alarms);
    }

    @Test
    void aShiftedAgeAndAChangedShareOfWomenAreNamedWithinTwoWindows() {
        Heard heard = new Heard();
        Frame slice = shuffled(parts.test().drop("Salary"), 99);
        double[] age = slice.numeric("age").toArray();
        double std = bundle.profile().column("age").orElseThrow().numeric().std();
        CategoricalColumn sex = slice.categorical("sex");
        String[] changed = new String[sex.size()];
        Random random = new Random(5);
        for (int i = 0; i < age.length; i++) {
            age[i] += std / 2;
            changed[i] = "Male".equals(sex.value(i)) && random.nextDouble() < 0.3 ? "Female" : sex.value(i);
        }
        Frame shifted = slice.withColumn(NumericColumn.of("age", age)).withColumn(CategoricalColumn.of("sex", changed));
        try (Deployment deployment = deploy(heard, WINDOW)) {
            stream(deployment, shuffled(parts.test().drop("Salary"), 1).take(IntStream.range(0, 3 * WINDOW).toArray()));
            assertEquals(List.of(), heard.alarms, "before the shift");
            stream(deployment, shifted.take(IntStream.range(0, 2 * WINDOW).toArray()));
        }
        List<String> named = heard.alarms.stream().filter(a -> a.kind() == Alarm.Kind.FEATURE_DRIFT)
                .map(Alarm::subject).sorted().toList();
        heard.alarms.forEach(a -> System.out.println("shifted stream: " + a));
        assertEquals(List.of("age", "sex"), named, heard.alarms.toString());
        assertTrue(heard.alarms.stream().allMatch(a -> a.window() == 4), "raised by the second shifted window");
    }

    @Test
    void theAccuracyEstimatedBeforeLabelsIsWithinOnePointFiveOfTheMeasuredOnAdultTest() {
        int window = 4_000;
        Heard heard = new Heard();
        Frame test = Datasets.adultTestWithTrainingLabels();
        List<Prediction> answers;
        try (Deployment deployment = deploy(heard, window)) {
            answers = stream(deployment, test.drop("Salary"));
            deployment.monitors().get(0).closeWindow(); // the last 281 rows
        }
        CategoricalColumn actual = test.categorical("Salary");
        for (WindowReport report : heard.windows) {
            int from = (int) report.index() * window;
            int to = from + report.rows();
            long right = IntStream.range(from, to).filter(i -> ((Prediction.Classification) answers.get(i)).label()
                    .equals(actual.value(i))).count();
            double measured = right / (double) report.rows();
            double estimated = report.performance().orElseThrow().accuracy();
            System.out.printf(Locale.ROOT, "adult.test window %d (%,d rows): estimated accuracy %.4f, measured %.4f,"
                    + " difference %+.4f%s%n", report.index(), report.rows(), estimated, measured, estimated - measured,
                    report.performance().orElseThrow().trusted() ? "" : " (untrusted: "
                            + report.performance().orElseThrow().reason() + ")");
            if (report.rows() == window) {
                assertTrue(report.performance().orElseThrow().trusted());
                assertEquals(measured, estimated, 0.015, "window " + report.index());
            }
        }
        assertEquals(5, heard.windows.size());
    }
}
