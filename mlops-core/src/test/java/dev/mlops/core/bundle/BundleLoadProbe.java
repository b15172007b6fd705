package dev.mlops.core.bundle;

import java.nio.file.Path;

/**
 * Run in a child JVM by {@link BundleBombTest}: loads each file named in {@code args} with the
 * default limits of that JVM's heap, or with the limits of a first argument
 * {@code --limits=entries,entryBytes,totalBytes}, and prints one line per file, {@code loaded}, or
 * the simple name of what was thrown and its message. An {@link Error} is printed too, so the parent
 * sees it rather than a crash.
 */
public final class BundleLoadProbe {

    private BundleLoadProbe() {
    }

    public static void main(String[] args) {
        BundleLimits limits = BundleLimits.defaults();
        int first = 0;
        if (args.length > 0 && args[0].startsWith("--limits=")) {
            String[] bounds = args[0].substring("--limits=".length()).split(",");
            limits = new BundleLimits(Integer.parseInt(bounds[0]), Long.parseLong(bounds[1]),
                    Long.parseLong(bounds[2]));
            first = 1;
        }
        for (String file : java.util.Arrays.copyOfRange(args, first, args.length)) {
            try {
                ModelBundle.load(Path.of(file), limits);
                System.out.println("loaded");
            } catch (Throwable thrown) {
                System.out.println(thrown.getClass().getSimpleName() + ": " + thrown.getMessage());
            }
        }
    }
}
