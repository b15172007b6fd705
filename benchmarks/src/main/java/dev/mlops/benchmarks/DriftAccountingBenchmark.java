package dev.mlops.benchmarks;

import dev.mlops.api.Features;
import dev.mlops.api.Prediction;
import dev.mlops.core.bundle.ModelBundle;
import dev.mlops.serving.monitor.Alarm;
import dev.mlops.serving.monitor.LiveMonitor;
import dev.mlops.serving.monitor.MonitorSettings;
import java.util.concurrent.Executor;
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
 * What watching a request costs the caller: counting one answered Adult request (its 14 inputs and
 * the prediction: the label and both class probabilities) into the live monitor's current window.
 * {@code sdk}: {@link LiveMonitor#record}: an atomic claim of a row, then a map lookup and an array
 * write per input and per prediction column (windows of 2,000, worked out on a discarding executor
 * so that only the caller's cost is measured). {@code baseline}: the floor, the same 17 values read
 * from the same request and prediction and written by hand into preallocated arrays at a running
 * index, no claim. Per input: divide by 15 (14 inputs and the prediction). The rows cycle through
 * 1,024 Adult requests answered beforehand.
 *
 * <pre>
 * mvn -B -q -DskipTests package -pl benchmarks -am
 * java -jar benchmarks/target/benchmarks.jar DriftAccountingBenchmark -prof gc   # ns/op and bytes/op
 * java -jar benchmarks/target/benchmarks.jar DriftAccountingBenchmark -t 2       # two threads
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
public class DriftAccountingBenchmark {

    private static final int ROWS = 1_024;

    private LiveMonitor monitor;
    private Features[] rows;
    private Prediction[] answers;
    private HandWrittenWindow byHand;
    private int next;

    @Setup
    public void train() {
        AnsweredAdult adult = AnsweredAdult.of(ROWS);
        ModelBundle bundle = adult.bundle();
        rows = adult.rows();
        answers = adult.answers();
        Executor discard = work -> { }; // only the caller's side is measured
        monitor = LiveMonitor.of(bundle, new Alarm.Source("bench", "adult", 1, "PRIMARY"),
                MonitorSettings.defaults().executor(discard));
        byHand = new HandWrittenWindow(bundle.signature(), 2_000);
    }

    @TearDown
    public void close() {
        monitor.close();
    }

    @Benchmark
    public void sdk() {
        int i = next++ & (ROWS - 1);
        monitor.record(rows[i], answers[i]);
    }

    @Benchmark
    public void baseline() {
        int i = next++ & (ROWS - 1);
        byHand.write(i % 2_000, rows[i], answers[i]);
    }
}
