package dev.mlops.serving;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.DataException;
import dev.mlops.api.Features;
import dev.mlops.api.Field;
import dev.mlops.api.Frame;
import dev.mlops.api.InvalidInputException;
import dev.mlops.api.NumericColumn;
import dev.mlops.api.Prediction;
import dev.mlops.api.model.ProgressEvent;
import dev.mlops.api.model.ProgressListener;
import dev.mlops.api.model.Signature;
import dev.mlops.api.model.Task;
import dev.mlops.core.data.Csv;
import dev.mlops.core.data.CsvChunk;
import dev.mlops.core.data.CsvChunks;
import dev.mlops.core.data.CsvReader;
import dev.mlops.core.data.CsvWriter;
import dev.mlops.core.data.ErrorMode;
import dev.mlops.core.data.RejectedRecord;
import java.io.BufferedWriter;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scores a CSV file into another, with the predictions appended to each row: streamed a chunk at a
 * time ({@link CsvChunks}) so memory stays bounded whatever the file's size, chunks scored in
 * parallel, and written in input order. Every row is checked as a single request is; the model
 * version is fixed for the whole file. Strict by default: the first bad record or invalid row stops
 * the scoring with an exception naming its line, and no output file is left. With
 * {@link #rejectedTo(Path)}, bad records and invalid rows go to that side file (line, reason, raw
 * fields) and the others are scored. Both files are written to temporary files and renamed into
 * place at the end.
 *
 * <pre>{@code
 * BatchResult result = BatchScoring.of(predictor)
 *         .reader(Csv.reader().delimiter(", ").missingValues("?"))
 *         .rejectedTo(Path.of("rejected.csv"))
 *         .score(Path.of("adult.test"), Path.of("adult-scored.csv"));
 * }</pre>
 *
 * <p>Appended columns: {@code prediction} (the label or value) and, for a classifier with
 * probabilities, {@code confidence} and {@code probability:<label>} per label. A subnormal number
 * (below {@link Double#MIN_NORMAL} in magnitude, such as a probability of 1e-313) is written as 0,
 * as the CSV reader would refuse it.
 *
 * @since 0.1
 */
public final class BatchScoring {

    private final Predictor predictor;
    private final CsvReader reader;
    private final CsvWriter writer;
    private final int chunkRows;
    private final int threads;
    private final Path rejectedTo;
    private final ProgressListener listener;

    private BatchScoring(Predictor predictor, CsvReader reader, CsvWriter writer, int chunkRows, int threads,
            Path rejectedTo, ProgressListener listener) {
        this.predictor = predictor;
        this.reader = reader;
        this.writer = writer;
        this.chunkRows = chunkRows;
        this.threads = threads;
        this.rejectedTo = rejectedTo;
        this.listener = listener;
    }

    /** Scoring with {@code predictor}: default CSV settings, chunks of 8,192 rows, one thread per core, strict. */
    public static BatchScoring of(Predictor predictor) {
        return new BatchScoring(Objects.requireNonNull(predictor, "predictor").withPolicy(RequestPolicy.LENIENT),
                Csv.reader(), Csv.writer(), 8_192, Runtime.getRuntime().availableProcessors(), null,
                ProgressListener.none());
    }

    /** Scoring with the version {@code deployment} serves now, for the whole file. */
    public static BatchScoring of(Deployment deployment) {
        return of(deployment.predictor());
    }

    /** How the input is read (delimiter, missing-value tokens, ...); the inputs' types come from the signature. */
    public BatchScoring reader(CsvReader csvReader) {
        return new BatchScoring(predictor, Objects.requireNonNull(csvReader, "reader"), writer, chunkRows, threads,
                rejectedTo, listener);
    }

    /** How the output is written. */
    public BatchScoring writer(CsvWriter csvWriter) {
        return new BatchScoring(predictor, reader, Objects.requireNonNull(csvWriter, "writer"), chunkRows, threads,
                rejectedTo, listener);
    }

    /**
     * Rows read and scored per chunk: memory grows with it, and with {@link #threads}.
     *
     * @throws IllegalArgumentException if {@code rows} is below 1
     */
    public BatchScoring chunkRows(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("a chunk holds at least one row: " + rows);
        }
        return new BatchScoring(predictor, reader, writer, rows, threads, rejectedTo, listener);
    }

    /**
     * Chunks scored at once.
     *
     * @throws IllegalArgumentException if {@code count} is below 1
     */
    public BatchScoring threads(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("scoring needs at least one thread: " + count);
        }
        return new BatchScoring(predictor, reader, writer, chunkRows, count, rejectedTo, listener);
    }

    /** Lenient: bad records and invalid rows go to {@code file} (line, column, reason, fields) instead of stopping. */
    public BatchScoring rejectedTo(Path file) {
        return new BatchScoring(predictor, reader, writer, chunkRows, threads, Objects.requireNonNull(file, "file"),
                listener);
    }

    /** Who hears of progress ({@link ProgressEvent.Stage#SCORING}, in kibibytes of input). */
    public BatchScoring listener(ProgressListener progress) {
        return new BatchScoring(predictor, reader, writer, chunkRows, threads, rejectedTo,
                Objects.requireNonNull(progress, "listener"));
    }

    /**
     * Scores {@code input} into {@code output}.
     *
     * @throws DataException                if a record is bad or a row invalid, in strict mode, naming its line
     * @throws IllegalArgumentException     if the input lacks an input column of the model, or already has a
     *         column named like an appended one
     * @throws UncheckedIOException         if a file cannot be read or written; no output is left then
     */
    public BatchResult score(Path input, Path output) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
        Path absoluteOutput = output.toAbsolutePath().normalize();
        if (absoluteOutput.equals(input.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("the output " + output + " is the input: scoring writes a new file");
        }
        if (rejectedTo != null && absoluteOutput.equals(rejectedTo.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("the output and the rejected rows would both go to " + output);
        }
        long started = System.nanoTime();
        Signature signature = predictor.signature();
        CsvReader typed = reader.errorMode(rejectedTo == null ? ErrorMode.STRICT : ErrorMode.LENIENT);
        for (Field field : signature.inputs().fields()) {
            typed = typed.type(field.name(), field.type());
        }
        long total;
        try {
            total = Math.max(1, Files.size(input) / 1024);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + input + ": " + e.getMessage(), e);
        }
        Path partial = temporary(output);
        Path rejectedPartial;
        try {
            rejectedPartial = rejectedTo == null ? null : temporary(rejectedTo);
        } catch (RuntimeException e) {
            deleteQuietly(partial);
            throw e;
        }
        AtomicLong read = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, "mlops-batch-scoring");
            thread.setDaemon(true);
            return thread;
        });
        long scored = 0;
        long rejected = 0;
        try (InputStream raw = new Counting(Files.newInputStream(input), read);
                CsvChunks chunks = chunks(typed, raw, input, signature);
                Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8);
                Writer side = rejectedPartial == null ? null : Files.newBufferedWriter(rejectedPartial,
                        StandardCharsets.UTF_8)) {
            if (side != null) {
                side.write("line,column,reason,fields\n");
            }
            ArrayDeque<Future<Scored>> inFlight = new ArrayDeque<>();
            boolean first = true;
            List<String> columns = null;
            for (CsvChunk chunk : chunks) {
                CsvChunk current = chunk;
                if (columns == null) {
                    columns = chunk.frame().schema().names();
                    requireNoClash(columns);
                }
                inFlight.add(pool.submit(() -> score(current, input.toString())));
                while (inFlight.size() >= threads * 2) {
                    Scored done = take(inFlight.poll());
                    write(done, out, side, first);
                    first &= done.frame == null;
                    scored += done.rows();
                    rejected += done.rejected.size();
                    progress(read.get() / 1024, total, scored);
                }
            }
            while (!inFlight.isEmpty()) {
                Scored done = take(inFlight.poll());
                write(done, out, side, first);
                first &= done.frame == null;
                scored += done.rows();
                rejected += done.rejected.size();
                progress(read.get() / 1024, total, scored);
            }
            if (first && columns != null) {
                // no row scored: the header still says what would be there
                List<String> names = new ArrayList<>(columns);
                names.addAll(appendedNames());
                writer.write(Frame.empty(dev.mlops.api.Schema.of(names.stream().map(Field::text).toList())), out);
            }
        } catch (IOException e) {
            deleteQuietly(partial, rejectedPartial);
            throw new UncheckedIOException("cannot score " + input + " into " + output + ": " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            deleteQuietly(partial, rejectedPartial);
            throw e;
        } finally {
            pool.shutdownNow();
        }
        try {
            // the side file first: if it cannot be put in place, the output is not either
            if (rejectedPartial != null) {
                Files.move(rejectedPartial, rejectedTo, StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(partial, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(partial, rejectedPartial);
            throw new UncheckedIOException("cannot move the scored file into " + output + ": " + e.getMessage(), e);
        }
        progress(total, total, scored);
        return new BatchResult(output, scored, rejected, rejectedTo, predictor.version(),
                Duration.ofNanos(System.nanoTime() - started));
    }

    private CsvChunks chunks(CsvReader typed, InputStream raw, Path input, Signature signature) {
        try {
            return typed.chunks(raw, input.toString(), chunkRows);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the model's inputs " + signature.inputs().names() + " must be columns"
                    + " of " + input + " (" + e.getMessage() + "); a file separated by something other than the"
                    + " reader's delimiter reads as one column: set it with reader(Csv.reader().delimiter(...))", e);
        }
    }

    /** One scored chunk: the input rows with the predictions appended, and the rows refused. */
    private record Scored(Frame frame, List<RejectedRecord> rejected) {
        long rows() {
            return frame == null ? 0 : frame.rowCount();
        }
    }

    private Scored score(CsvChunk chunk, String source) {
        Frame frame = chunk.frame();
        List<RejectedRecord> rejected = new ArrayList<>(chunk.rejected());
        if (frame.rowCount() == 0) {
            return new Scored(null, rejected);
        }
        List<Prediction> predictions;
        int[] kept;
        try {
            predictions = predictor.predict(frame);
            kept = null;
        } catch (RuntimeException whole) {
            // some row is invalid: find it (strict) or them (lenient), row by row
            predictions = new ArrayList<>();
            List<Integer> keep = new ArrayList<>();
            for (int row = 0; row < frame.rowCount(); row++) {
                Features features = frame.row(row);
                try {
                    predictions.add(predictor.predict(features));
                    keep.add(row);
                } catch (RuntimeException e) { // invalid, refused by the preparation, or failed in the model
                    String column = e instanceof InvalidInputException invalid && !invalid.problems().isEmpty()
                            ? invalid.problems().get(0).field() : null;
                    String reason = e instanceof InvalidInputException invalid && !invalid.problems().isEmpty()
                            ? invalid.problems().get(0).reason() : String.valueOf(e.getMessage());
                    Object value = column != null && features.contains(column) ? features.get(column) : null;
                    if (rejectedTo == null) {
                        throw new DataException(source, chunk.line(row), column, value == null ? null
                                : String.valueOf(value), reason, e);
                    }
                    rejected.add(new RejectedRecord(chunk.line(row), column, value == null ? null
                            : String.valueOf(value), reason, fields(frame, row)));
                }
            }
            kept = keep.stream().mapToInt(Integer::intValue).toArray();
        }
        Frame rows = kept == null ? frame : frame.take(kept);
        rejected.sort(java.util.Comparator.comparingLong(RejectedRecord::line));
        return new Scored(rows.rowCount() == 0 ? null : withPredictions(rows, predictions), rejected);
    }

    private static List<String> fields(Frame frame, int row) {
        List<String> fields = new ArrayList<>();
        for (Column column : frame.columns()) {
            Object value = column.get(row);
            fields.add(value == null ? "" : String.valueOf(value));
        }
        return fields;
    }

    private List<String> appendedNames() {
        Signature signature = predictor.signature();
        List<String> names = new ArrayList<>();
        names.add("prediction");
        if (signature.task() == Task.CLASSIFICATION && predictor.bundle().model().probabilistic()) {
            names.add("confidence");
            signature.labels().forEach(label -> names.add("probability:" + label));
        }
        return names;
    }

    private void requireNoClash(List<String> columns) {
        for (String name : appendedNames()) {
            if (columns.contains(name)) {
                throw new IllegalArgumentException("the input already has a column '" + name + "', which scoring"
                        + " appends; rename it");
            }
        }
    }

    private Frame withPredictions(Frame rows, List<Prediction> predictions) {
        Signature signature = predictor.signature();
        List<Column> columns = new ArrayList<>(rows.columns());
        int n = predictions.size();
        if (signature.task() == Task.REGRESSION) {
            NumericColumn.Builder value = NumericColumn.builder(Field.numeric("prediction"), n);
            predictions.forEach(p -> value.add(writable(((Prediction.Regression) p).value())));
            columns.add(value.build());
            return Frame.of(columns);
        }
        CategoricalColumn.Builder label = CategoricalColumn.builder(Field.categorical("prediction"), n);
        predictions.forEach(p -> label.add(((Prediction.Classification) p).label()));
        columns.add(label.build());
        if (appendedNames().size() > 1) {
            NumericColumn.Builder confidence = NumericColumn.builder(Field.numeric("confidence"), n);
            predictions.forEach(p -> confidence.add(writable(p.confidence())));
            columns.add(confidence.build());
            for (String each : signature.labels()) {
                NumericColumn.Builder probability = NumericColumn.builder(Field.numeric("probability:" + each), n);
                predictions.forEach(p -> probability.add(writable(((Prediction.Classification) p).probability(each))));
                columns.add(probability.build());
            }
        }
        return Frame.of(columns);
    }

    /**
     * {@code value}, or 0 when it is subnormal: the CSV reader refuses subnormal numbers as a loss of
     * precision, and a probability of 1e-313 is 0 for every use of a scored file.
     */
    static double writable(double value) {
        return value != 0 && Math.abs(value) < Double.MIN_NORMAL ? 0.0 * Math.signum(value) : value;
    }

    private void write(Scored done, Writer out, Writer side, boolean first) throws IOException {
        if (done.frame != null) {
            writer.header(first).write(done.frame, out);
        }
        if (side != null) {
            for (RejectedRecord record : done.rejected) {
                side.write(record.line() + "," + quoted(record.column()) + "," + quoted(record.reason()) + ","
                        + quoted(String.join("|", record.fields())) + "\n");
            }
        }
    }

    private static String quoted(String text) {
        return text == null ? "" : "\"" + text.replace("\"", "\"\"") + "\"";
    }

    private static Scored take(Future<Scored> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while scoring", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void progress(long done, long total, long rows) {
        try {
            listener.onProgress(new ProgressEvent(ProgressEvent.Stage.SCORING, "scoring",
                    (int) Math.min(done, total), (int) Math.min(total, Integer.MAX_VALUE), rows + " rows"));
        } catch (RuntimeException ignored) {
            // a listener cannot stop the scoring
        }
    }

    private static Path temporary(Path target) {
        Path absolute = target.toAbsolutePath();
        try {
            Files.createDirectories(absolute.getParent());
            return Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".partial");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write next to " + absolute + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path... files) {
        for (Path file : files) {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // the failure being reported matters more
                }
            }
        }
    }

    /** Counts the bytes read, for progress. */
    private static final class Counting extends FilterInputStream {
        private final AtomicLong count;

        Counting(InputStream in, AtomicLong count) {
            super(in);
            this.count = count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count.addAndGet(n);
            }
            return n;
        }
    }
}
