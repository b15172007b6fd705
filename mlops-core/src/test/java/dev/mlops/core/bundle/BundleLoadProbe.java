package dev.mlops.core.bundle;

import java.nio.file.Path;

/**
 * Run in a child JVM by {@link BundleBombTest}: loads each file named in {@code args} with the
 * default limits of that JVM's heap and prints one line per file, {@code loaded}, or the simple
 * name of what was thrown and its message. An {@link Error} is printed too, so the parent sees it
 * rather than a crash.
 */
public final class BundleLoadProbe {

    private BundleLoadProbe() {
    }

    public static void main(String[] args) {
        for (String file : args) {
            try {
                ModelBundle.load(Path.of(file));
                System.out.println("loaded");
            } catch (Throwable thrown) {
                System.out.println(thrown.getClass().getSimpleName() + ": " + thrown.getMessage());
            }
        }
    }
}
