package dev.mlops.tracking.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Mutual exclusion across threads and processes on one lock file. The JVM holds a
 * {@link FileChannel#lock() file lock} per process and refuses a second one from the same process,
 * so an in-process lock per file is taken first. The operating system releases the file lock when
 * its process dies, so a writer killed while holding it does not block the next one.
 */
public final class StoreLock {

    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private StoreLock() {
    }

    /** An action that may fail with an I/O error. */
    @FunctionalInterface
    public interface IoAction<T> {
        T run() throws IOException;
    }

    /** Runs {@code action} while holding the lock on {@code lockFile} (created if absent). */
    public static <T> T withLock(Path lockFile, IoAction<T> action) throws IOException {
        Path key = lockFile.toAbsolutePath().normalize();
        ReentrantLock local = IN_PROCESS.computeIfAbsent(key, k -> new ReentrantLock());
        local.lock();
        try {
            Files.createDirectories(key.getParent());
            try (FileChannel channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                return action.run();
            }
        } finally {
            local.unlock();
        }
    }
}
