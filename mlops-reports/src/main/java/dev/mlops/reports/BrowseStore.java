package dev.mlops.reports;

import dev.mlops.api.tracking.Tracker;
import dev.mlops.tracking.Tracking;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The command that opens the run browser on a file store until it is stopped (Ctrl+C):
 *
 * <pre>
 * mvn -B -q -pl mlops-reports -am compile exec:java -Dbrowse.skip=false -Dexec.args="mlops-data"
 * BrowseStore [--port N] [--bind ADDRESS] STORE_DIRECTORY
 * </pre>
 *
 * <p>Loopback on port {@value TrackerUi#DEFAULT_PORT} unless told otherwise; {@code --bind} to
 * another address prints a warning, since the browser has no login. Exit status 1 when the port
 * cannot be bound, 2 for wrong arguments or a directory that is not there.
 *
 * @since 0.1
 */
public final class BrowseStore {

    private static final String USAGE = "usage: BrowseStore [--port N] [--bind ADDRESS] STORE_DIRECTORY";

    private BrowseStore() {
    }

    /** Runs the command; returns only when stopped. */
    public static void main(String[] args) throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "browse-store-stop"));
        int status = run(args, System.out, System.err, stop);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Opens the browser as {@code args} say, prints where, and waits until {@code stop} is counted
     * down (the JVM's shutdown counts it down from {@link #main}).
     *
     * @return the exit status: 0 stopped, 1 the port cannot be bound, 2 wrong arguments or no store
     */
    static int run(String[] args, PrintStream out, PrintStream err, CountDownLatch stop) throws InterruptedException {
        int port = TrackerUi.DEFAULT_PORT;
        InetAddress bind = null;
        Path directory = null;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--port" -> port = Integer.parseInt(value(args, ++i));
                    case "--bind" -> bind = InetAddress.getByName(value(args, ++i));
                    default -> {
                        if (directory != null || args[i].startsWith("--")) {
                            throw new IllegalArgumentException("unexpected argument '" + args[i] + "'");
                        }
                        directory = Path.of(args[i]);
                    }
                }
            }
            if (directory == null) {
                throw new IllegalArgumentException("name the store's directory");
            }
        } catch (IllegalArgumentException | UnknownHostException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (!Files.isDirectory(directory)) {
            err.println("no store at " + directory.toAbsolutePath() + ": not a directory (the browser never"
                    + " creates one)");
            return 2;
        }
        TrackerUi.Options options;
        try {
            options = TrackerUi.Options.loopback(port);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        if (bind != null && !bind.isLoopbackAddress()) {
            options = options.exposedOn(bind);
            err.println("WARNING: " + TrackerUi.exposureWarning(bind));
        }
        try (Tracker tracker = Tracking.local(directory); TrackerUi ui = TrackerUi.start(tracker, options)) {
            out.println("Browsing " + directory.toAbsolutePath() + " at " + ui.uri() + " (Ctrl+C stops)");
            out.flush();
            stop.await();
        } catch (java.io.UncheckedIOException e) {
            err.println(e.getMessage());
            return 1;
        }
        return 0;
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }
}
