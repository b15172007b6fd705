package dev.mlops.core.train;

import dev.mlops.api.model.ProgressEvent;
import dev.mlops.api.model.ProgressListener;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A ready-made listener for a console (samples, JShell) that prints one line per step, with a text
 * bar and the time since the work began:
 * {@code [trial   3/12] ######-------------- 25%  tribuo.xgboost {trees=100}  accuracy 0.871  (14.2 s)}.
 * A pipeline prints a line as it starts and one per stage as the stage ends; the start and end of single-unit training
 * are printed, and while such work runs a line every ten seconds says it still does, so a long fit
 * never looks frozen; an SGD fit prints about ten of its epochs, with their loss. Thread-safe.
 *
 * @since 0.1
 */
public final class ConsoleProgress implements ProgressListener {

    private static final int WIDTH = 20;
    private static final long BEAT_SECONDS = 10;
    /** Held so the levels set by {@link #quietBackends()} stick: JUL keeps loggers weakly. */
    private static final Logger[] QUIETED = {Logger.getLogger("org.tribuo"),
        Logger.getLogger("com.oracle.labs.mlrg.olcut")};
    private static final ScheduledExecutorService BEATS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "mlops-console-progress");
        thread.setDaemon(true);
        return thread;
    });

    private final PrintStream out;
    private long startedAt = -1;
    private ScheduledFuture<?> beat;

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

    /**
     * Silences the training backends' own progress logging through {@code java.util.logging}
     * (Tribuo logs every SGD run and forest member at INFO), keeping warnings, for console use where
     * this listener reports progress instead. Smile logs through SLF4J, whose level is set in the
     * binding the application chose (the samples set {@code smile} to {@code warn} in
     * {@code simplelogger.properties}).
     */
    public static void quietBackends() {
        for (Logger logger : QUIETED) {
            logger.setLevel(Level.WARNING);
        }
    }

    @Override
    public synchronized void onProgress(ProgressEvent event) {
        long now = System.nanoTime();
        if (startedAt < 0) {
            startedAt = now;
        }
        boolean starting = event.done() == 0;
        boolean fine = event.stage() == ProgressEvent.Stage.EPOCH || event.stage() == ProgressEvent.Stage.ROUND;
        if (fine && event.done() < event.total()
                && event.done() % Math.max(1, event.total() / 10) != 0) {
            return; // about ten lines per fit, however many epochs
        }
        out.println(line(event) + String.format(Locale.ROOT, "  (%.1f s)", (now - startedAt) / 1e9));
        if (event.stage() == ProgressEvent.Stage.TRAINING) {
            if (starting) {
                startBeat(event);
            } else if (event.done() == event.total()) {
                stopBeat();
            }
        }
    }

    private void startBeat(ProgressEvent event) {
        stopBeat();
        long began = System.nanoTime();
        beat = BEATS.scheduleAtFixedRate(() -> {
            synchronized (this) {
                out.printf(Locale.ROOT, "           ... %s still training (%.0f s)%n", event.label(),
                        (System.nanoTime() - began) / 1e9);
            }
        }, BEAT_SECONDS, BEAT_SECONDS, TimeUnit.SECONDS);
    }

    private void stopBeat() {
        if (beat != null) {
            beat.cancel(false);
            beat = null;
        }
    }

    /** The line printed for {@code event}, without the time. */
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
