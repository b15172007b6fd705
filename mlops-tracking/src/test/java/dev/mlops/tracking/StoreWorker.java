package dev.mlops.tracking;

import dev.mlops.api.Frame;
import dev.mlops.api.tracking.DatasetVersion;
import dev.mlops.api.tracking.ModelRegistry;
import dev.mlops.api.tracking.ModelSource;
import dev.mlops.api.tracking.ReviewState;
import dev.mlops.core.data.Csv;
import dev.mlops.api.tracking.ModelVersion;
import dev.mlops.api.tracking.Run;
import dev.mlops.api.tracking.Tracker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * A child JVM for the store's crash and multi-process tests, using only the public API.
 *
 * <p>{@code crash <root> <runId> <first-step>}: logs metric points to the run forever, flushing every
 * 10 points, tagging it every 25, registering a model version every 40 and, between registrations,
 * reviewing, moving an alias to, tagging and deleting versions and logging a dataset version; it
 * appends each acknowledged operation to {@code <root>/../acknowledged} after the call returns.
 *
 * <p>{@code concurrent <root> <runId> <process> <threads> <points> <versions>}: that many threads
 * share one attached run, each logging {@code points} metric points and registering
 * {@code versions} versions of one model.
 */
public final class StoreWorker {

    private StoreWorker() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[1]);
        try (Tracker tracker = Tracking.local(root, LocalOptions.defaults().workingDirectory(null).actor("worker"))) {
            if (args[0].equals("crash")) {
                crash(tracker, root.resolveSibling("acknowledged"), args[2], Long.parseLong(args[3]));
            } else {
                dev.mlops.tracking.contract.Workloads.concurrent(tracker, java.util.List.of(args[2]), args[3],
                        Integer.parseInt(args[4]), Integer.parseInt(args[5]), Integer.parseInt(args[6]));
            }
        }
    }

    private static int latest;

    /** Between registrations: review, alias, tag, and delete an older version no alias points at. */
    private static void registryChange(ModelRegistry registry, Path acks, long step) throws Exception {
        String reference = "crashy/" + latest;
        switch ((int) (step % 40)) {
            case 10 -> registry.review(reference, ReviewState.APPROVED, "crash", "step " + step);
            case 20 -> {
                registry.setAlias("crashy", "champion", latest);
                acknowledge(acks, "A " + latest);
            }
            case 25 -> registry.tagVersion(reference, "seen", Long.toString(step));
            case 30 -> {
                for (ModelVersion old : registry.versions("crashy", true)) {
                    if (old.version() < latest - 1 && !registry.model("crashy").orElseThrow().aliases()
                            .containsValue(old.version())) {
                        registry.delete(old.reference());
                        acknowledge(acks, "X " + old.version());
                        break;
                    }
                }
            }
            default -> { }
        }
    }

    private static void crash(Tracker tracker, Path acks, String runId, long first) throws Exception {
        Run run = tracker.attach(runId);
        for (long step = first; ; step++) {
            run.logMetric("m", step, step);
            if (step % 10 == 9) {
                run.flush();
                acknowledge(acks, "M " + step);
            }
            if (step % 25 == 0) {
                run.tag("last", Long.toString(step));
                acknowledge(acks, "T " + step);
            }
            if (step % 40 == 0) {
                ModelVersion version = tracker.registry().register("crashy", ModelSource.opaque(
                        Long.toString(step).getBytes(StandardCharsets.UTF_8)).tag("step", Long.toString(step)));
                acknowledge(acks, "R " + version.version() + " " + step);
                latest = version.version();
            }
            if (latest > 0) {
                registryChange(tracker.registry(), acks, step);
            }
            if (step % 50 == 5) {
                Frame frame = Csv.reader().readString("step,value\n" + step + "," + (step % 7) + "\n").frame();
                DatasetVersion dataset = tracker.datasets().log("steps", frame);
                acknowledge(acks, "D " + dataset.version() + " " + step);
            }
        }
    }

    private static void acknowledge(Path acks, String line) throws Exception {
        Files.write(acks, (line + "\n").getBytes(StandardCharsets.US_ASCII), StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
