package dev.mlops.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.tracking.ModelSource;
import dev.mlops.api.tracking.ModelVersion;
import dev.mlops.api.tracking.Tracker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * One store opened twice in one JVM (through a link, a bind mount): threads alternating between
 * the two trackers register versions of one model, all started behind one latch. Every writer must
 * succeed and the versions must be exactly 1..N.
 */
final class TwoPathRegistrations {

    private TwoPathRegistrations() {
    }

    static void assertExclusive(Tracker first, Tracker second, int threads, int each) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Tracker tracker = t % 2 == 0 ? first : second;
            int thread = t;
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < each; i++) {
                    tracker.registry().register("shared", ModelSource.opaque(new byte[] {(byte) thread, (byte) i}));
                }
                return null;
            }));
        }
        start.countDown();
        List<String> failures = new ArrayList<>();
        for (Future<?> f : done) {
            try {
                f.get(2, TimeUnit.MINUTES);
            } catch (ExecutionException e) {
                failures.add(String.valueOf(e.getCause())); // an OverlappingFileLockException, say
            }
        }
        pool.shutdown();
        assertTrue(failures.isEmpty(), "writers through the second path failed: " + failures);
        assertEquals(IntStream.rangeClosed(1, threads * each).boxed().toList(),
                second.registry().versions("shared", true).stream().map(ModelVersion::version).toList());
        AuditReplay.assertConsistent(first.registry(), "shared", "after concurrent registrations");
    }
}
