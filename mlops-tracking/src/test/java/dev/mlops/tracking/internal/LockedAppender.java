package dev.mlops.tracking.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A child process of {@link MultiProcessTest}. Mode "append": many threads append numbered records
 * to one log, each append under the store lock. Mode "hold": takes the lock, says so in a file, and
 * waits forever, to be killed while holding it.
 */
public final class LockedAppender {

    private LockedAppender() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String process = args[1];
        if (args.length > 2 && args[2].equals("hold")) {
            StoreLock.withLock(dir.resolve("store.lock"), () -> {
                Files.writeString(dir.resolve("holding"), process);
                while (true) {
                    Thread.onSpinWait();
                }
            });
            return;
        }
        int threads = Integer.parseInt(args[2]);
        int each = Integer.parseInt(args[3]);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try (RecordLog log = RecordLog.open(dir.resolve("shared.log"), false)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        byte[] record = (process + "/" + thread + "/" + i).getBytes(StandardCharsets.UTF_8);
                        StoreLock.withLock(dir.resolve("store.lock"), () -> {
                            log.append(record);
                            return null;
                        });
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

}
