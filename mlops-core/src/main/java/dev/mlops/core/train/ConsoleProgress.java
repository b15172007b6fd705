package dev.mlops.core.train;

import dev.mlops.api.model.ProgressEvent;
import dev.mlops.api.model.ProgressListener;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;

/**
 * A ready-made listener that prints one line per step, with a text bar:
 * {@code [trial   3/12] ######-------------- 25%  tribuo.xgboost {trees=100}  accuracy 0.871}.
 * Start and end lines of single-unit training are printed too, so a JShell user sees that long
 * work has begun. Thread-safe.
 *
 * @since 0.1
 */
public final class ConsoleProgress implements ProgressListener {

    private static final int WIDTH = 20;
    private final PrintStream out;

    private ConsoleProgress(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    /** Prints to standard output. */
    public static ConsoleProgress toStandardOutput() {
        return new ConsoleProgress(System.out);
    }

    /** Prints to {@code out}. */
    public static ConsoleProgress to(PrintStream out) {
        return new ConsoleProgress(out);
    }

    @Override
    public void onProgress(ProgressEvent event) {
        out.println(line(event));
    }

    /** The line printed for {@code event}. */
    public static String line(ProgressEvent event) {
        int filled = (int) Math.round(event.fraction() * WIDTH);
        String counter = String.format(Locale.ROOT, "[%-8s %3d/%d]", event.stage().name().toLowerCase(Locale.ROOT),
                event.done(), event.total());
        String bar = "#".repeat(filled) + "-".repeat(WIDTH - filled);
        String text = String.format(Locale.ROOT, "%s %s %3d%%  %s", counter, bar,
                Math.round(event.fraction() * 100), event.label());
        return event.message().isEmpty() ? text : text + "  " + event.message();
    }
}
