package dev.mlops.tracking.postgres;

import dev.mlops.api.MlopsException;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.tracking.StoreCopy;
import dev.mlops.tracking.Tracking;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The command that copies a whole tracking store into an empty one, file store or PostgreSQL, either
 * way, with a progress bar, then checks the copy entry by entry against the source
 * ({@link StoreCopy}). From the repository:
 *
 * <pre>
 * mvn -B -q -pl mlops-tracking-postgres -am compile exec:java -Dcopy.skip=false \
 *     -Dexec.args="mlops-data jdbc:postgresql://db:5432/ml?user=ml&amp;password=secret"
 * </pre>
 *
 * <p>Arguments: {@code [--from-schema NAME] [--to-schema NAME] [--no-verify] FROM TO}, where a store
 * is a directory (the file store; the source must exist) or a PostgreSQL JDBC URL carrying its
 * credentials; the schemas default to {@code mlops}. A store holding dataset versions needs a
 * {@code FrameCodec} on the class path, as every reader of stored datasets does ({@code mlops-core}
 * provides it; the command above has it). Exit status: 0 copied (and verified), 1 the copy
 * failed or differs, 2 wrong arguments.
 *
 * @since 0.1
 */
public final class CopyStore {

    private static final String USAGE = "usage: CopyStore [--from-schema NAME] [--to-schema NAME] [--no-verify]"
            + " FROM TO\n  FROM, TO: a file store directory, or jdbc:postgresql://host:port/database?user=..."
            + "&password=...";

    private CopyStore() {
    }

    /** Runs the command and exits with its status. */
    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Runs the command, writing the summary to {@code out} and the progress bar and errors to
     * {@code err}.
     *
     * @return the exit status: 0 copied (and verified), 1 failed or differs, 2 wrong arguments
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String fromSchema = "mlops";
        String toSchema = "mlops";
        boolean verify = true;
        List<String> stores = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--from-schema", "--to-schema" -> {
                    if (i + 1 == args.length) {
                        err.println(args[i] + " needs a schema name\n" + USAGE);
                        return 2;
                    }
                    if (args[i].equals("--from-schema")) {
                        fromSchema = args[++i];
                    } else {
                        toSchema = args[++i];
                    }
                }
                case "--no-verify" -> verify = false;
                case "--help", "-h" -> {
                    out.println(USAGE);
                    return 0;
                }
                default -> {
                    if (args[i].startsWith("--")) {
                        err.println("unknown option " + args[i] + "\n" + USAGE);
                        return 2;
                    }
                    stores.add(args[i]);
                }
            }
        }
        if (stores.size() != 2) {
            err.println("give two stores, the source then the target\n" + USAGE);
            return 2;
        }
        try (Tracker from = open(stores.get(0), fromSchema, true);
                Tracker to = open(stores.get(1), toSchema, false)) {
            ProgressBar bar = new ProgressBar(err);
            long started = System.nanoTime();
            StoreCopy.Summary summary = StoreCopy.copy(from, to, bar);
            bar.finish();
            out.printf(Locale.ROOT, "copied %s in %.1f s%n", summary, (System.nanoTime() - started) / 1e9);
            if (verify) {
                List<String> differences = StoreCopy.differences(from, to);
                if (!differences.isEmpty()) {
                    err.println("the copy differs from the source:");
                    differences.forEach(d -> err.println("  " + d));
                    return 1;
                }
                out.println("verified: the copy equals the source, entry by entry");
            }
            return 0;
        } catch (IllegalArgumentException | MlopsException | IllegalStateException e) {
            err.println();
            err.println("copy failed: " + e.getMessage());
            return 1;
        }
    }

    private static Tracker open(String store, String schema, boolean source) {
        if (store.startsWith("jdbc:")) {
            return PostgresTracking.open(store, null, null, 4, PostgresOptions.defaults().schema(schema));
        }
        Path directory = Path.of(store);
        if (source && !Files.isRegularFile(directory.resolve("store.json"))) {
            throw new IllegalArgumentException("there is no file store at " + directory.toAbsolutePath()
                    + " (no store.json)");
        }
        return Tracking.local(directory);
    }

    /** A one-line bar on a terminal's error stream, redrawn at most ten times a second. */
    private static final class ProgressBar implements StoreCopy.Progress {
        private static final int WIDTH = 30;
        private final PrintStream err;
        private long lastDrawn;
        private String last = "";

        ProgressBar(PrintStream err) {
            this.err = err;
        }

        @Override
        public void copied(String entry, long done, long total) {
            long now = System.nanoTime();
            if (done < total && now - lastDrawn < 100_000_000L) {
                return;
            }
            lastDrawn = now;
            int filled = total == 0 ? WIDTH : (int) (WIDTH * done / total);
            String line = String.format(Locale.ROOT, "\r[%s%s] %3d%% %,d/%,d %s", "#".repeat(filled),
                    " ".repeat(WIDTH - filled), total == 0 ? 100 : 100 * done / total, done, total,
                    entry.length() > 40 ? entry.substring(0, 40) : entry);
            err.print(line + " ".repeat(Math.max(0, last.length() - line.length())));
            err.flush();
            last = line;
        }

        void finish() {
            if (!last.isEmpty()) {
                err.println();
            }
        }
    }
}
