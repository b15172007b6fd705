package dev.mlops.core.bundle.internal;

import dev.mlops.core.bundle.BundleException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads a bundle file's bytes, never more than a limit. Only a regular file is read: a directory,
 * device, FIFO or socket is refused before it is opened (opening a FIFO would block, and a device
 * such as {@code /dev/zero} never ends). A symbolic link is followed, since the caller named it, but
 * what it leads to must be a regular file too. The read stops at the size the file had when checked,
 * and a file that turns out longer (it grew, or it is a {@code /proc} file that reports 0) is refused.
 */
final class BoundedFile {

    private BoundedFile() {
    }

    static byte[] read(Path file, long maxBytes) {
        String source = file.toString();
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (attributes.isSymbolicLink()) {
                attributes = Files.readAttributes(file, BasicFileAttributes.class);
            }
            if (!attributes.isRegularFile()) {
                throw new BundleException(source, "is " + kind(attributes) + ", not a regular file; a bundle is a"
                        + " file");
            }
            long size = attributes.size();
            if (size > maxBytes) {
                throw new BundleException(source, "is " + size + " bytes, more than the limit of " + maxBytes
                        + " for a bundle file");
            }
            byte[] bytes = new byte[(int) size];
            try (InputStream in = Files.newInputStream(file)) {
                int filled = in.readNBytes(bytes, 0, bytes.length);
                if (filled < bytes.length) {
                    throw new BundleException(source, "shrank from " + size + " to " + filled + " bytes while it was"
                            + " read");
                }
                if (in.read() >= 0) {
                    throw new BundleException(source, "holds more than the " + size + " bytes its size says (it grew"
                            + " while it was read, or it is not an ordinary file)");
                }
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw new BundleException(source, "no such file", e);
        } catch (IOException e) {
            throw new BundleException(source, "cannot be read: " + e.getMessage(), e);
        }
    }

    private static String kind(BasicFileAttributes attributes) {
        if (attributes.isDirectory()) {
            return "a directory";
        }
        return attributes.isSymbolicLink() ? "a symbolic link" : "a device, FIFO or socket";
    }
}
