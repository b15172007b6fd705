package dev.mlops.serving.monitor;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One step of a window: preallocated columns that requests write into. A request claims a row by
 * one atomic increment, writes its values, and counts itself done; the pane is sealed by adding
 * {@link #SEALED} to the claims, so a request that claims afterwards sees the seal and moves on to
 * the next pane, and whoever works the pane out waits only for the requests that claimed before.
 * Panes are reused: {@link #reset} clears them for the next step.
 */
final class Pane {

    /** Added to the claims to seal the pane; claims at or above it were refused. */
    static final long SEALED = 1L << 50;

    final double[][] numbers;
    final Object[][] objects;
    final int capacity;
    final AtomicLong claims = new AtomicLong();
    final AtomicLong done = new AtomicLong();
    final AtomicBoolean rotating = new AtomicBoolean();
    volatile long startMillis;
    volatile long endMillis;
    /** The claims made before the seal, once sealed. */
    long claimed;
    /** Steps skipped in place on this pane (the analysis was behind) before it was sealed and handed on. */
    long skippedBefore;

    Pane(int numberColumns, int objectColumns, int capacity) {
        this.capacity = capacity;
        this.numbers = new double[numberColumns][capacity];
        this.objects = new Object[objectColumns][capacity];
    }

    /** Seals the pane and returns the claims made before. */
    long seal() {
        claimed = claims.getAndAdd(SEALED);
        return claimed;
    }

    /** The rows written: the claims before the seal, at most the capacity. */
    int rows() {
        return (int) Math.min(claimed, capacity);
    }

    /**
     * Waits until every request that claimed before the seal has written (or, past a count step's
     * capacity, moved on); false if it took over {@code millis}.
     */
    boolean awaitWriters(long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        int spins = 0;
        while (done.get() < claimed) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            if (++spins < 100) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
        return true;
    }

    /** Clears the pane for the next step starting at {@code startMillis} and lasting to {@code endMillis}. */
    void reset(long start, long end) {
        int used = rows();
        for (Object[] column : objects) {
            Arrays.fill(column, 0, used, null); // a retired pane keeps no request's values alive
        }
        claimed = 0;
        done.set(0);
        startMillis = start;
        endMillis = end;
        claims.set(0); // a request can claim only once the rest is clear
        rotating.set(false); // and only then may the pane be sealed again
    }
}
