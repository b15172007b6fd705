package dev.mlops.core.prep;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Test helper: runs work on a thread with a 256 KB stack, a quarter of the JVM's usual default, so
 * that work recursing in proportion to its input overflows there while bounded work does not.
 * Whatever the work throws, {@link StackOverflowError} included, is rethrown to the caller.
 */
public final class SmallStack {

    /** The stack size of the thread. */
    public static final long BYTES = 256 * 1024;

    private SmallStack() {
    }

    /** The result of {@code work}, computed on a small-stack thread. */
    public static <T> T call(Callable<T> work) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try {
                result.set(work.call());
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "small-stack", BYTES);
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the small-stack thread", e);
        }
        Throwable thrown = failure.get();
        if (thrown instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (thrown instanceof Error error) {
            throw error;
        }
        if (thrown != null) {
            throw new IllegalStateException(thrown);
        }
        return result.get();
    }

    /** Runs {@code work} on a small-stack thread. */
    public static void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }
}
