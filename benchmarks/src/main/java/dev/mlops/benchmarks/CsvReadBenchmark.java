package dev.mlops.benchmarks;

import dev.mlops.api.Frame;
import dev.mlops.core.data.Csv;
import dev.mlops.core.data.CsvReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
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
import org.openjdk.jol.info.GraphLayout;

/**
 * CSV to {@link Frame} with schema inference ({@code sdk}) against a bare Commons CSV parse that
 * converts the same fields into primitive arrays with the types known in advance
 * ({@code baseline}), on the Adult training file replicated to 1,009,391 rows (generated at
 * set-up, not committed). Target: sdk / baseline time at most 1.5.
 *
 * <p>Run the timing, then the memory comparison (measured with JOL's object-graph walk, which needs self-attach for record classes; target at
 * most 1.3x), from the repository root:
 * <pre>
 * mvn -B -q -DskipTests package -pl benchmarks -am
 * java -jar benchmarks/target/benchmarks.jar CsvReadBenchmark
 * java -Djdk.attach.allowAttachSelf=true -cp benchmarks/target/benchmarks.jar dev.mlops.benchmarks.CsvReadBenchmark
 * </pre>
 * Read the ratio as {@code sdk score / baseline score} (average milliseconds per read; lower is better).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgs = {"-Xms6g", "-Xmx6g"})
public class CsvReadBenchmark {

    static final int ROWS = 1_000_000;
    static final CsvReader ADULT = Csv.reader().delimiter(", ").missingValues("?");

    private Path file;

    @Setup(Level.Trial)
    public void createFile() {
        file = AdultReplica.create(ROWS);
    }

    @TearDown(Level.Trial)
    public void deleteFile() throws java.io.IOException {
        Files.deleteIfExists(file);
    }

    @Benchmark
    public RawAdultColumns baseline() {
        return RawAdultColumns.parse(file);
    }

    @Benchmark
    public Frame sdk() {
        return ADULT.read(file).frame();
    }

    /** Prints the retained memory of the frame against the baseline's arrays. */
    public static void main(String[] args) throws Exception {
        Path file = AdultReplica.create(ROWS);
        try {
            RawAdultColumns raw = RawAdultColumns.parse(file);
            Frame frame = ADULT.read(file).frame();
            long rawBytes = GraphLayout.parseInstance(raw.numbers, raw.codes, raw.dictionaries).totalSize();
            long frameBytes = GraphLayout.parseInstance(frame).totalSize();
            System.out.printf(Locale.ROOT, "rows: %,d (baseline %,d)%n", frame.rowCount(), raw.rows);
            System.out.printf(Locale.ROOT, "baseline arrays: %,d bytes%nframe:           %,d bytes%nratio:           %.3f%n",
                    rawBytes, frameBytes, (double) frameBytes / rawBytes);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
