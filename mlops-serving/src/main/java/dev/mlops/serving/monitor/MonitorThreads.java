package dev.mlops.serving.monitor;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The one background thread that works out closed windows for every monitor without its own executor. */
final class MonitorThreads {

    private static final ExecutorService SHARED = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "mlops-monitor");
        thread.setDaemon(true);
        return thread;
    });

    private MonitorThreads() {
    }

    static ExecutorService shared() {
        return SHARED;
    }
}
