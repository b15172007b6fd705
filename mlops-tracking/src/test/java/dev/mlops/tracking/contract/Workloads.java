package dev.mlops.tracking.contract;

import dev.mlops.api.tracking.ModelSource;
import dev.mlops.api.tracking.Run;
import dev.mlops.api.tracking.Tracker;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** What the multi-process tests of every store run in each child JVM, through the public API only. */
public final class Workloads {

    private Workloads() {
    }

    /**
     * {@code threads} threads attached to {@code runIds} (thread t logs to run t mod runs), each
     * logging {@code points} metric points named {@code <process>-<t>} with steps 0.. and registering
     * {@code versions} versions of model {@code shared} tagged {@code writer=<process>-<t>/<i>}; all
     * start together. Any exception is thrown.
     */
    public static void concurrent(Tracker tracker, List<String> runIds, String process, int threads, int points,
            int versions) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Run> runs = new ArrayList<>();
        for (String id : runIds) {
            runs.add(tracker.attach(id));
        }
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String thread = process + "-" + t;
                Run run = runs.get(t % runs.size());
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < points; i++) {
                        run.logMetric(thread, i, i);
                        if (i < versions) {
                            tracker.registry().register("shared", ModelSource.opaque(
                                    (thread + "/" + i).getBytes(StandardCharsets.UTF_8)).tag("writer", thread + "/" + i));
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
            for (Run run : runs) {
                run.close(); // attached: writes what it holds and leaves the run running
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
