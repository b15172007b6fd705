package dev.mlops.tracking.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.LinkOption;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Mutual exclusion across threads and processes on one lock file. The JVM holds a
 * {@link FileChannel#lock() file lock} per process and refuses a second one from the same process,
 * so an in-process lock per file is taken first. The operating system releases the file lock when
 * its process dies, so a writer killed while holding it does not block the next one.
 */
final class StoreLock {

    private static final ConcurrentHashMap<Object, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();
    /** Held while a lock file is created and identified. */
    private static final Object CREATION = new Object();

    private StoreLock() {
    }

    /** An action that may fail with an I/O error. */
    @FunctionalInterface
    public interface IoAction<T> {
        T run() throws IOException;
    }

    /**
     * Runs {@code action} while holding the lock on {@code lockFile} (created if absent, never
     * through a symbolic link). The in-process lock is keyed by the lock file's identity (device and
     * inode where the platform has them, else its real path), so one store reached through two
     * paths (a link, a bind mount) still excludes itself within one JVM.
     *
     * <p>Closing any descriptor of a file drops every POSIX lock the process holds on it, so the lock
     * file is opened and closed only while the in-process lock is held; the one exception, creating
     * it, happens under {@link #CREATION} before anyone can have locked the new file.
     */
    public static <T> T withLock(Path lockFile, IoAction<T> action) throws IOException {
        Files.createDirectories(lockFile.toAbsolutePath().getParent());
        Object key;
        synchronized (CREATION) {
            try {
                Files.createFile(lockFile);
            } catch (FileAlreadyExistsException exists) {
                // the usual case: nothing was opened
            }
            BasicFileAttributes attributes = Files.readAttributes(lockFile, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile()) {
                throw new IOException(lockFile + " is not a plain file (a link, directory or device?); the store"
                        + " refuses to lock through it");
            }
            key = attributes.fileKey() != null ? attributes.fileKey() : lockFile.toRealPath();
        }
        ReentrantLock local = IN_PROCESS.computeIfAbsent(key, k -> new ReentrantLock());
        local.lock();
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
                FileLock ignored = channel.lock()) {
            return action.run();
        } catch (OverlappingFileLockException e) {
            throw new IOException("the lock " + lockFile + " is already held by this JVM through another path"
                    + " that the platform does not identify; open the store through one path", e);
        } finally {
            local.unlock(); // after the channel is closed: see above
        }
    }
}
