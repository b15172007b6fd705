package dev.mlops.tracking.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.LinkOption;
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

    /**
     * Runs {@code action} while holding the lock on {@code lockFile} (created if absent, never
     * through a symbolic link). The in-process lock is keyed by the real path of the lock file's
     * directory, so one store opened through two paths (a link and its target) still excludes
     * itself within one JVM.
     */
    public static <T> T withLock(Path lockFile, IoAction<T> action) throws IOException {
        Path directory = lockFile.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path key = directory.toRealPath().resolve(lockFile.getFileName());
        ReentrantLock local = IN_PROCESS.computeIfAbsent(key, k -> new ReentrantLock());
        local.lock();
        try {
            try (FileChannel channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS); FileLock ignored = channel.lock()) {
                return action.run();
            } catch (OverlappingFileLockException e) {
                throw new IOException("the lock " + key + " is already held by this JVM through another path"
                        + " (a hard link?); open the store through one path", e);
            }
        } finally {
            local.unlock();
        }
    }
}
