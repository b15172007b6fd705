package dev.mlops.tracking.postgres;

import dev.mlops.api.Frame;
import dev.mlops.api.tracking.DatasetVersion;
import dev.mlops.api.tracking.ModelSource;
import dev.mlops.api.tracking.ModelVersion;
import dev.mlops.api.tracking.Run;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.core.data.Csv;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * A child JVM for the PostgreSQL store's multi-process and crash tests, through the public API only.
 *
 * <p>{@code concurrent <url> <schema> <runIds,...> <process> <threads> <points> <versions>}: that many
 * threads share the attached runs (thread t logs to run t mod runs), each logging {@code points}
 * metric points under its own name and registering {@code versions} versions of one model; prints
 * {@code retries=N} at the end. Any exception fails the process.
 *
 * <p>{@code crash <url> <schema> <runId> <acks> <first-step>}: writes forever (metric points flushed
 * every 10, a tag every 25, a model version every 40, a dataset version every 50, a review-queue item
 * every 15; its tags under {@code last-<first-step / 1,000,000>}), appending each acknowledged operation to {@code <acks>} after the call returns.
 *
 * <p>{@code artifact <url> <schema> <file>}: logs {@code <file>} as artifact {@code big.bin} of a new run
 * of experiment {@code streamed}, and prints {@code run=<id>}.
 */
public final class PostgresWorker {

    private PostgresWorker() {
    }

    public static void main(String[] args) throws Exception {
        PostgresOptions options = PostgresOptions.defaults().schema(args[2]).workingDirectory(null).actor("worker")
                .migrate(false);
        try (Tracker tracker = PostgresTracking.open(args[1], "postgres", "postgres", 8, options)) {
            if (args[0].equals("crash")) {
                crash(tracker, args[3], Path.of(args[4]), Long.parseLong(args[5]));
            } else if (args[0].equals("artifact")) {
                try (Run run = tracker.experiment("streamed").start()) {
                    run.logArtifact("big.bin", Path.of(args[3]));
                    System.out.println("run=" + run.id());
                }
            } else {
                dev.mlops.tracking.contract.Workloads.concurrent(tracker, List.of(args[3].split(",")), args[4],
                        Integer.parseInt(args[5]), Integer.parseInt(args[6]), Integer.parseInt(args[7]));
                System.out.println("retries=" + PostgresTracking.retries(tracker));
            }
        }
    }

    private static void crash(Tracker tracker, String runId, Path acks, long first) throws Exception {
        Run run = tracker.attach(runId);
        var queue = tracker.reviewQueue("crashy", 1_000_000);
        for (long step = first; ; step++) {
            run.logMetric("m", step, step);
            if (step % 10 == 9) {
                run.flush();
                acknowledge(acks, "M " + step);
            }
            if (step % 25 == 0) {
                run.tag("last-" + first / 1_000_000, Long.toString(step)); // one key per client
                acknowledge(acks, "T " + step);
            }
            if (step % 40 == 0) {
                ModelVersion version = tracker.registry().register("crashy", ModelSource.opaque(
                        Long.toString(step).getBytes(StandardCharsets.UTF_8)).tag("step", Long.toString(step)));
                acknowledge(acks, "R " + version.version() + " " + step);
            }
            if (step % 50 == 5) {
                Frame frame = Csv.reader().readString("step,value\n" + step + "," + (step % 7) + "\n").frame();
                DatasetVersion dataset = tracker.datasets().log("steps", frame);
                acknowledge(acks, "D " + dataset.version() + " " + step);
            }
            if (step % 15 == 3) {
                boolean queued = queue.offer(new dev.mlops.api.tracking.ReviewItem("s" + step, "d", "crashy", 1,
                        java.util.Map.of("step", step), "yes", 0.5, java.time.Instant.EPOCH));
                if (queued) {
                    acknowledge(acks, "Q s" + step);
                }
            }
        }
    }

    private static void acknowledge(Path acks, String line) throws Exception {
        Files.write(acks, (line + "\n").getBytes(StandardCharsets.US_ASCII), StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
