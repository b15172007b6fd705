package dev.mlops.tracking.internal;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Optional;

/**
 * The process that owns a running run: its host, pid and start time. A run still marked running
 * whose owner, on this host, is gone (or whose pid now belongs to a newer process) was abandoned.
 * Owners on other hosts cannot be checked and count as alive.
 *
 * @param host    the host name
 * @param pid     the process id
 * @param started when the process started, or null if the platform does not say
 */
record Owner(String host, long pid, Instant started) {

    private static final Owner CURRENT = new Owner(hostName(), ProcessHandle.current().pid(),
            ProcessHandle.current().info().startInstant().orElse(null));
    /**
     * How far two readings of one process's start may differ: on Linux each JVM derives start times
     * from the boot time it read once from {@code /proc/stat}, which can differ by a second between
     * JVMs started at different times. A pid reused by a process started within this of the first
     * is not a case worth a false alarm.
     */
    private static final long SAME_START_MILLIS = 2_000;

    /** This process. */
    public static Owner current() {
        return CURRENT;
    }

    /**
     * No process: the owner of a run that was copied from another store while it ran there (or was
     * abandoned there), which no process of this store will end.
     */
    public static Owner nobody() {
        return new Owner("", -1, null);
    }

    /** Whether the owning process is known to be gone. */
    public boolean gone() {
        if (pid < 0) {
            return true;
        }
        if (!host.equals(CURRENT.host)) {
            return false;
        }
        if (pid == CURRENT.pid) {
            return started != null && CURRENT.started != null && !sameStart(started, CURRENT.started);
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return true;
        }
        Optional<Instant> start = process.get().info().startInstant();
        return started != null && start.isPresent() && !sameStart(start.get(), started);
    }

    private static boolean sameStart(Instant a, Instant b) {
        return Math.abs(java.time.Duration.between(a, b).toMillis()) <= SAME_START_MILLIS;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }
}
