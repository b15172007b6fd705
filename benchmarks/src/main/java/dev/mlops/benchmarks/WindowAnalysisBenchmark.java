package dev.mlops.benchmarks;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.Features;
import dev.mlops.api.Field;
import dev.mlops.api.Frame;
import dev.mlops.api.NumericColumn;
import dev.mlops.api.Prediction;
import dev.mlops.core.bundle.ModelBundle;
import dev.mlops.core.bundle.MonitoringBaseline;
import dev.mlops.core.drift.DriftReference;
import dev.mlops.core.drift.DriftReport;
import dev.mlops.serving.monitor.Alarm;
import dev.mlops.serving.monitor.LiveMonitor;
import dev.mlops.serving.monitor.MonitorSettings;
import dev.mlops.serving.monitor.WindowReport;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one window costs the analysis thread: 2,000 answered Adult requests (14 inputs, the
 * predicted label and both class probabilities) worked out into a window report. {@code sdk}:
 * {@link LiveMonitor#record} for each of the 2,000 rows, the last closing the window, worked out on
 * the calling thread (input and prediction drift, the performance estimate, the alarms).
 * {@code baseline}: the same by hand, as a batch monitor would: the same 17 values of each request
 * written into preallocated arrays, a frame built from them, and {@link DriftReference#compare}
 * of its inputs against the bundle's training baseline and of its predictions against the held-out
 * baseline (no performance estimate, no alarms). At about 400,000 requests a second a window of
 * 2,000 closes every 5 ms: this is what it takes of the second core.
 *
 * <pre>
 * mvn -B -q -DskipTests package -pl benchmarks -am
 * java -jar benchmarks/target/benchmarks.jar WindowAnalysisBenchmark -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 12, time = 2) // the window analysis settles after about 12 s of compiling
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
public class WindowAnalysisBenchmark {

    private static final int WINDOW = 2_000;

    private LiveMonitor monitor;
    private Features[] rows;
    private Prediction[] answers;
    private DriftReference inputs;
    private DriftReference predictions;
    private HandWrittenWindow byHand;

    @Setup
    public void train() {
        AnsweredAdult adult = AnsweredAdult.of(WINDOW);
        ModelBundle bundle = adult.bundle();
        rows = adult.rows();
        answers = adult.answers();
        monitor = LiveMonitor.of(bundle, new Alarm.Source("bench", "adult", 1, "PRIMARY"),
                MonitorSettings.defaults().countWindows(WINDOW).executor(Runnable::run));
        MonitoringBaseline baseline = bundle.monitoring().orElseThrow();
        inputs = baseline.features().reference();
        predictions = baseline.predictionBaseline().orElseThrow().reference();
        byHand = new HandWrittenWindow(bundle.signature(), WINDOW);
        if (!baseline().equals(monitorOnce())) {
            throw new IllegalStateException("the monitor and the batch comparison disagree on the same rows");
        }
    }

    /** The input and prediction drift of one window worked out by the monitor. */
    private List<DriftReport> monitorOnce() {
        sdk();
        WindowReport report = monitor.reports().get(monitor.reports().size() - 1);
        return List.of(report.inputDrift().orElseThrow(), report.predictionDrift().orElseThrow());
    }

    @TearDown
    public void close() {
        monitor.close();
    }

    @Benchmark
    public Object sdk() {
        for (int i = 0; i < WINDOW; i++) {
            monitor.record(rows[i], answers[i]);
        }
        return monitor;
    }

    @Benchmark
    public List<DriftReport> baseline() {
        for (int at = 0; at < WINDOW; at++) {
            byHand.write(at, rows[at], answers[at]);
        }
        String[] names = byHand.names;
        List<String> labels = byHand.labels;
        Column[] inputColumns = new Column[names.length];
        for (int f = 0; f < names.length; f++) {
            inputColumns[f] = byHand.numeric[f] ? numbers(names[f], byHand.numbers[f]) : labels(names[f], byHand.objects[f]);
        }
        Column[] predictionColumns = new Column[1 + labels.size()];
        predictionColumns[0] = labels(MonitoringBaseline.PREDICTION, byHand.objects[names.length]);
        for (int k = 0; k < labels.size(); k++) {
            predictionColumns[1 + k] = numbers(MonitoringBaseline.PROBABILITY + labels.get(k),
                    byHand.numbers[names.length + k]);
        }
        return List.of(inputs.compare(Frame.of(inputColumns)), predictions.compare(Frame.of(predictionColumns)));
    }

    private static NumericColumn numbers(String name, double[] values) {
        NumericColumn.Builder column = NumericColumn.builder(Field.numeric(name), values.length);
        for (double v : values) {
            if (Double.isNaN(v)) {
                column.addMissing();
            } else {
                column.add(v);
            }
        }
        return column.build();
    }

    private static CategoricalColumn labels(String name, Object[] values) {
        String[] text = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            text[i] = values[i] == null ? null : values[i].toString();
        }
        return CategoricalColumn.of(name, text);
    }
}
