package dev.mlops.benchmarks;

import dev.mlops.api.tracking.Experiment;
import dev.mlops.api.tracking.Run;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.tracking.Tracking;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Logging 1,000,000 metric points (name, value, step, timestamp) as a training loop would:
 * {@code sdk} through a {@link Run} of the file store, from start to close (so the time includes
 * creating the run, every batch append and the final fsync); {@code baseline} a raw
 * {@link BufferedWriter} appending the same records as text lines to one file and closing it.
 * Each iteration is one million points on a fresh directory. Target: sdk / baseline at most 2.
 * Points per second = 1,000,000 / (ms per op / 1000).
 *
 * <pre>
 * mvn -B -q -DskipTests package -pl benchmarks -am
 * java -jar benchmarks/target/benchmarks.jar MetricLogBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 15)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
public class MetricLogBenchmark {

    static final int POINTS = 1_000_000;

    private Path directory;
    private Tracker tracker;
    private Experiment experiment;

    @Setup(Level.Iteration)
    public void open() throws IOException {
        directory = Files.createTempDirectory("metric-log-bench");
        tracker = Tracking.local(directory.resolve("store"));
        experiment = tracker.experiment("bench");
    }

    @TearDown(Level.Iteration)
    public void delete() throws IOException {
        tracker.close();
        ScratchDirectories.delete(directory);
    }

    @Benchmark
    public String sdk() {
        try (Run run = experiment.start("loop")) {
            for (int step = 0; step < POINTS; step++) {
                run.logMetric("loss", lossAt(step), step);
            }
            return run.id();
        }
    }

    /** The same records, as {@code name,value,step,epochMillis} lines through a BufferedWriter. */
    @Benchmark
    public long baseline() {
        Path file = directory.resolve("metrics.csv");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int step = 0; step < POINTS; step++) {
                out.write("loss,");
                out.write(Double.toString(lossAt(step)));
                out.write(',');
                out.write(Long.toString(step));
                out.write(',');
                out.write(Long.toString(System.currentTimeMillis()));
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file.toFile().length();
    }

    private static double lossAt(int step) {
        return 1.0 / (1 + step);
    }
}
