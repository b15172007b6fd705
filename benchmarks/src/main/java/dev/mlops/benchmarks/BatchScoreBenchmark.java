package dev.mlops.benchmarks;

import dev.mlops.api.Frame;
import dev.mlops.core.bundle.ModelBundle;
import dev.mlops.core.pipeline.Training;
import dev.mlops.core.prep.Impute;
import dev.mlops.core.prep.Prep;
import dev.mlops.core.prep.Unseen;
import dev.mlops.core.train.Algorithms;
import dev.mlops.core.train.internal.TribuoModel;
import dev.mlops.samples.Datasets;
import dev.mlops.serving.BatchResult;
import dev.mlops.serving.BatchScoring;
import dev.mlops.serving.Predictor;
import dev.mlops.serving.Serving;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
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
import org.tribuo.Model;
import org.tribuo.classification.Label;

/**
 * Scoring 1,000,000 Adult rows from a CSV file into a CSV file with the predicted label, the
 * confidence and each label's probability appended. {@code sdk}: {@link BatchScoring} (streamed
 * chunks, every row checked as a request, the compiled preparation, parallel on the available
 * cores, ordered output written through the round-trip-safe CSV writer). {@code baseline}: a
 * hand-written loop: Commons CSV reads each record, the same fitted preparation from arrays
 * ({@link HandWrittenScorer}), the raw Tribuo call, the record and the answers joined into a
 * {@code BufferedWriter}. Setup checks that both label the first 5,000 rows alike.
 *
 * <pre>
 * mvn -B -q -DskipTests package -pl benchmarks -am
 * java -jar benchmarks/target/benchmarks.jar BatchScoreBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
public class BatchScoreBenchmark {

    private static final int ROWS = 1_000_000;

    private Path input;
    private Path sdkOutput;
    private Path baselineOutput;
    private Predictor predictor;
    private HandWrittenScorer handWritten;

    @Setup
    @SuppressWarnings("unchecked")
    public void prepare() throws IOException {
        java.util.logging.Logger.getLogger("org.tribuo").setLevel(java.util.logging.Level.WARNING);
        Frame adult = Datasets.adultTrain().frame();
        ModelBundle bundle = Training.with(Algorithms.tribuo().logisticRegression().epochs(2)).fit(adult, "Salary",
                Prep.chain(Prep.impute(Impute.MOST_FREQUENT), Prep.standardize(), Prep.oneHot(Unseen.IGNORE)));
        predictor = Serving.predictor(bundle, "adult");
        handWritten = new HandWrittenScorer(bundle.preparation(), bundle.signature().inputs().names(),
                (Model<Label>) ((TribuoModel) bundle.model()).tribuoModel());
        input = AdultReplica.create(ROWS);
        sdkOutput = Files.createTempFile("batch-sdk", ".csv");
        baselineOutput = Files.createTempFile("batch-baseline", ".csv");
        sdk();
        baseline();
        try (BufferedReader sdk = Files.newBufferedReader(sdkOutput);
                BufferedReader byHand = Files.newBufferedReader(baselineOutput)) {
            sdk.readLine();
            byHand.readLine();
            for (int row = 0; row < 5_000; row++) {
                String[] a = sdk.readLine().split(",");
                String[] b = byHand.readLine().split(",");
                if (!a[15].equals(b[15])) {
                    throw new IllegalStateException("row " + row + ": the SDK says " + a[15] + ", by hand " + b[15]);
                }
            }
        }
    }

    @TearDown
    public void clean() throws IOException {
        Files.deleteIfExists(input);
        Files.deleteIfExists(sdkOutput);
        Files.deleteIfExists(baselineOutput);
    }

    @Benchmark
    public long sdk() {
        BatchResult result = BatchScoring.of(predictor).reader(Datasets.ADULT_FORMAT).score(input, sdkOutput);
        if (result.scored() < ROWS) {
            throw new IllegalStateException("scored " + result.scored());
        }
        return result.scored();
    }

    @Benchmark
    public long baseline() {
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(", ").setHeader().setSkipHeaderRecord(true).get();
        long rows = 0;
        try (CSVParser parser = CSVParser.parse(Files.newBufferedReader(input, StandardCharsets.UTF_8), format);
                BufferedWriter out = Files.newBufferedWriter(baselineOutput, StandardCharsets.UTF_8)) {
            List<String> header = parser.getHeaderNames();
            int[] numericAt = new int[handWritten.numeric.length];
            for (int i = 0; i < numericAt.length; i++) {
                numericAt[i] = header.indexOf(handWritten.numeric[i]);
            }
            int[] labelAt = new int[handWritten.categorical.length];
            for (int i = 0; i < labelAt.length; i++) {
                labelAt[i] = header.indexOf(handWritten.categorical[i]);
            }
            out.write(String.join(",", header) + ",prediction,confidence,probability:<=50K,probability:>50K\n");
            double[] numbers = new double[numericAt.length];
            String[] labels = new String[labelAt.length];
            for (CSVRecord record : parser) {
                for (int i = 0; i < numericAt.length; i++) {
                    String raw = record.get(numericAt[i]);
                    numbers[i] = raw.equals("?") ? Double.NaN : Double.parseDouble(raw);
                }
                for (int i = 0; i < labelAt.length; i++) {
                    String raw = record.get(labelAt[i]);
                    labels[i] = raw.equals("?") ? null : raw;
                }
                org.tribuo.Prediction<Label> p = handWritten.predict(numbers, labels);
                StringBuilder line = new StringBuilder(160);
                for (int i = 0; i < record.size(); i++) {
                    line.append(record.get(i)).append(',');
                }
                String label = p.getOutput().getLabel();
                line.append(label).append(',').append(p.getOutputScores().get(label).getScore());
                line.append(',').append(p.getOutputScores().get("<=50K").getScore());
                line.append(',').append(p.getOutputScores().get(">50K").getScore()).append('\n');
                out.write(line.toString());
                rows++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
