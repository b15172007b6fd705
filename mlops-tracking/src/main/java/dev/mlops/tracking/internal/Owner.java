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

    /** This process. */
    public static Owner current() {
        return CURRENT;
    }

    /** Whether the owning process is known to be gone. */
    public boolean gone() {
        if (!host.equals(CURRENT.host)) {
            return false;
        }
        if (pid == CURRENT.pid) {
            return started != null && CURRENT.started != null && !started.equals(CURRENT.started);
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return true;
        }
        Optional<Instant> start = process.get().info().startInstant();
        return started != null && start.isPresent() && !start.get().equals(started);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }
}
