package dev.mlops.api.tracking;

/**
 * Where a run is in its lifecycle. A run starts {@link #RUNNING} and ends exactly once as
 * {@link #FINISHED}, {@link #FAILED} or {@link #KILLED}. {@link #ABANDONED} is never written: a
 * store reports it for a run still marked running whose owning process has died, so a crashed
 * run is recognisable afterwards.
 *
 * @since 0.1
 */
public enum RunStatus {
    /** Started and not ended; its process is alive (or cannot be checked from here). */
    RUNNING,
    /** Ended normally. */
    FINISHED,
    /** Ended by an error, which the run records. */
    FAILED,
    /** Ended on purpose before completion, for example by a user or a time limit. */
    KILLED,
    /** Marked running, but the process that owned it is gone: it crashed or was killed. */
    ABANDONED;

    /** Whether the run has ended (abandoned runs count as ended: nobody will end them). */
    public boolean isTerminal() {
        return this != RUNNING;
    }
}
