package dev.mlops.tracking.internal;

import dev.mlops.api.tracking.StoreException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proof that a path the store is about to open lies inside its root. The root is the real path
 * of the directory the store was opened at (so a link the user chose to open it through is
 * resolved once); below it, every component of every path, fixed names such as {@code runs/} or
 * {@code metrics.log} included, is checked without following links: a symbolic link planted
 * anywhere inside the store is an error naming it, never followed. Directories are created one
 * component at a time with the same check, and files are then opened with
 * {@link LinkOption#NOFOLLOW_LINKS}, so a link planted between the check and the open is refused
 * by the operating system too.
 */
final class StorePaths {

    private static final Logger LOG = LoggerFactory.getLogger(StorePaths.class);

    private final Path root;

    /** @param realRoot the store's root as returned by {@link Path#toRealPath} */
    StorePaths(Path realRoot) {
        this.root = realRoot;
    }

    Path root() {
        return root;
    }

    /** Ensures {@code directory} exists inside the root as a real directory, creating what is missing. */
    Path directory(Path directory) {
        walk(directory, true, true);
        return directory;
    }

    /** Ensures the parent of {@code file} exists (see {@link #directory}) and {@code file}, if present, is a plain file. */
    Path forWriting(Path file) {
        directory(file.getParent());
        requirePlainFileIfPresent(file);
        return file;
    }

    /**
     * {@link #forWriting}, for a file written in place (a log, appended to and cut): if the file has
     * other hard links, possibly to a place outside the store, it is first replaced by a private copy
     * (copied, forced, renamed over it), so nothing outside the store changes with it.
     */
    Path forAppending(Path file) {
        forWriting(file);
        int links;
        try {
            links = ((Number) Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS)).intValue();
        } catch (NoSuchFileException e) {
            return file;
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return file; // no link count on this platform
        } catch (IOException e) {
            throw new StoreException("cannot inspect " + file + ": " + e.getMessage(), e);
        }
        if (links > 1) {
            unshare(file, links);
        }
        return file;
    }

    private static void unshare(Path file, int links) {
        try {
            Path copy = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
            try {
                Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING, LinkOption.NOFOLLOW_LINKS);
                try (FileChannel channel = FileChannel.open(copy, StandardOpenOption.WRITE)) {
                    channel.force(true);
                }
                Files.move(copy, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                copy = null;
                AtomicFiles.forceDirectory(file.getParent());
            } finally {
                if (copy != null) {
                    Files.deleteIfExists(copy);
                }
            }
        } catch (IOException e) {
            throw new StoreException(file + " has " + links + " hard links, so writing it in place could change a file"
                    + " outside the store, and it cannot be replaced by a private copy: " + e.getMessage(), e);
        }
        LOG.warn("{} had {} hard links; the store now writes a private copy of it", file, links);
    }

    /**
     * Checks an existing path for reading without creating anything: every component that exists
     * must be a real directory (or, at the end, a plain file or directory), none a link.
     */
    Path forReading(Path path) {
        walk(path, false, false);
        return path;
    }

    /** Whether {@code path} exists (without following a link at its end). */
    static boolean exists(Path path) {
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    }

    private void walk(Path target, boolean create, boolean lastIsDirectory) {
        Path normal = target.toAbsolutePath().normalize();
        if (!normal.startsWith(root)) {
            throw new StoreException(target + " is not inside the store root " + root);
        }
        Path current = root;
        int count = root.relativize(normal).getNameCount();
        if (normal.equals(root)) {
            return;
        }
        for (int i = 0; i < count; i++) {
            current = current.resolve(normal.getName(root.getNameCount() + i));
            boolean last = i == count - 1;
            BasicFileAttributes attributes = attributes(current);
            if (attributes == null) {
                if (!create) {
                    return; // nothing below a missing component exists either
                }
                attributes = createDirectory(current);
            }
            if (attributes.isSymbolicLink()) {
                throw planted(current);
            }
            if ((!last || lastIsDirectory) && !attributes.isDirectory()) {
                throw new StoreException(current + " is not a directory, though the store keeps a directory there;"
                        + " something other than the store wrote it");
            }
            if (last && !lastIsDirectory && !attributes.isDirectory() && !attributes.isRegularFile()) {
                throw notPlain(current);
            }
        }
    }

    private static void requirePlainFileIfPresent(Path file) {
        BasicFileAttributes attributes = attributes(file);
        if (attributes == null) {
            return;
        }
        if (attributes.isSymbolicLink()) {
            throw planted(file);
        }
        if (!attributes.isRegularFile()) {
            throw notPlain(file);
        }
    }

    private static BasicFileAttributes createDirectory(Path directory) {
        try {
            Files.createDirectory(directory);
        } catch (FileAlreadyExistsException raced) {
            // created by another writer in between, or something else is there: checked below
        } catch (IOException e) {
            throw new StoreException("cannot create " + directory + ": " + e.getMessage(), e);
        }
        BasicFileAttributes attributes = attributes(directory);
        if (attributes == null) {
            throw new StoreException(directory + " vanished while the store created it");
        }
        return attributes;
    }

    private static BasicFileAttributes attributes(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new StoreException("cannot inspect " + path + ": " + e.getMessage(), e);
        }
    }

    private static StoreException planted(Path link) {
        String target;
        try {
            target = " -> " + Files.readSymbolicLink(link);
        } catch (IOException | UnsupportedOperationException e) {
            target = "";
        }
        return new StoreException(link + target + " is a symbolic link inside the store; the store never follows"
                + " links it did not make (remove it, or open the store at the directory it points to)");
    }

    private static StoreException notPlain(Path path) {
        return new StoreException(path + " is not a plain file (a device, pipe or socket?); the store refuses to open it");
    }
}
