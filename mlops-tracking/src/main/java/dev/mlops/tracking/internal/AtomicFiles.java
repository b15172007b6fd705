package dev.mlops.tracking.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

/**
 * Whole-file rewrites that a crash cannot tear: the content goes to a temporary file beside the
 * target, is forced to disk, is renamed over the target atomically, and then the directory is
 * forced too, because without that the rename itself may not survive a power cut. A reader sees the
 * old content or the new, never a mix.
 *
 * <p>A writer killed between creating its temporary file and renaming it leaves that file behind.
 * Such leftovers are hidden ({@code .name…tmp}) and never read; the next write to the same target
 * deletes those older than {@link #STALE_AFTER}, which no live writer can be.
 */
final class AtomicFiles {

    /** How old a temporary file must be before a later writer treats it as a killed writer's leftover. */
    public static final Duration STALE_AFTER = Duration.ofHours(1);

    private AtomicFiles() {
    }

    /**
     * Replaces {@code target} with {@code content}, creating its directory if needed.
     *
     * @throws IOException if writing fails; the target is then left as it was
     */
    public static void write(Path target, byte[] content) throws IOException {
        Path directory = target.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        sweepStale(directory, "." + target.getFileName());
        Path temp = Files.createTempFile(directory, "." + target.getFileName(), ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the file system under " + directory + " cannot rename atomically", e);
            }
            temp = null;
            forceDirectory(directory);
        } finally {
            if (temp != null) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /**
     * Deletes the temporary files {@code prefix…tmp} in {@code directory} last modified more than
     * {@link #STALE_AFTER} ago. Best effort: a file another process removes first is simply gone.
     */
    public static void sweepStale(Path directory, String prefix) throws IOException {
        FileTime cutoff = FileTime.from(Instant.now().minus(STALE_AFTER));
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(directory,
                entry -> entry.getFileName().toString().startsWith(prefix)
                        && entry.getFileName().toString().endsWith(".tmp"))) {
            for (Path leftover : leftovers) {
                try {
                    if (Files.getLastModifiedTime(leftover, LinkOption.NOFOLLOW_LINKS).compareTo(cutoff) < 0) {
                        Files.deleteIfExists(leftover);
                    }
                } catch (NoSuchFileException raced) {
                    // another writer swept it first
                }
            }
        }
    }

    /** Forces a directory's entries to disk, so renames and new files in it are durable. */
    public static void forceDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some platforms (Windows) cannot open a directory as a channel; there the rename is all we can do.
            if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows")) {
                throw e;
            }
        }
    }
}
