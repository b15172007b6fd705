package dev.mlops.tracking;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real, small file system for tests of full disks and read-only stores: a tmpfs mounted at a
 * temporary directory (which needs root, as on the CI machines; elsewhere the test is skipped
 * with the reason). {@link #fill()} takes all free space with a ballast file and {@link #free()}
 * deletes it; {@link #readOnly(boolean)} remounts. Closing unmounts.
 */
final class ScratchDisk implements AutoCloseable {

    private final Path mountPoint;
    private final Path ballast;

    private ScratchDisk(Path mountPoint) {
        this.mountPoint = mountPoint;
        this.ballast = mountPoint.resolve("ballast");
    }

    /** Mounts a tmpfs of {@code megabytes} at {@code mountPoint} (an empty directory). */
    static ScratchDisk mount(Path mountPoint, int megabytes) throws IOException, InterruptedException {
        assumeTrue("root".equals(System.getProperty("user.name")),
                "mounting a small tmpfs needs root; this test runs where the build runs as root (CI)");
        Files.createDirectories(mountPoint);
        run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", mountPoint.toString());
        return new ScratchDisk(mountPoint);
    }

    Path path() {
        return mountPoint;
    }

    /** Takes every free byte, so the next write that needs space fails with ENOSPC. */
    void fill() throws IOException {
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(ballast)) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException full) {
            // "No space left on device": exactly what was wanted; top up with smaller writes
            try (OutputStream out = Files.newOutputStream(ballast, java.nio.file.StandardOpenOption.APPEND)) {
                while (true) {
                    out.write(0);
                    out.flush();
                }
            } catch (IOException alsoFull) {
                // every byte is taken
            }
        }
    }

    /** Gives back exactly {@code pages} pages (4 KB each) of the ballast, for writes that fit only partly. */
    void leaveFree(int pages) throws IOException {
        if (pages == 0) {
            return;
        }
        try (java.io.RandomAccessFile ballastFile = new java.io.RandomAccessFile(ballast.toFile(), "rw")) {
            long length = ballastFile.length();
            ballastFile.setLength(Math.max(0, (length / 4096 - pages) * 4096));
        }
    }

    /** Gives the ballast's space back. */
    void free() throws IOException {
        Files.deleteIfExists(ballast);
    }

    void readOnly(boolean readOnly) throws IOException, InterruptedException {
        run("mount", "-o", "remount," + (readOnly ? "ro" : "rw"), mountPoint.toString());
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("umount", "-l", mountPoint.toString());
    }

    /** Runs a system command (mount, umount), failing with its output. */
    static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }
}
