package dev.mlops.tracking.internal;

import dev.mlops.tracking.store.StoreJson;
import dev.mlops.api.tracking.NotFoundException;
import dev.mlops.api.tracking.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Content-addressed bodies under {@code blobs/sha256/<ab>/<rest>}: each content is stored once,
 * named by its SHA-256, and checked against that name on every read. A body is written to a
 * temporary file, forced, and renamed into place, so a crash never leaves a partial body under a
 * valid name. Storing content that is already there checks the stored body first and replaces it
 * when it no longer matches its name (truncated or damaged), so logging the content again heals it.
 */
final class Blobs {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private final StorePaths paths;
    private final Path root;

    /** Stored content: its hash and size. */
    public record Stored(String sha256, long size) {
    }

    Blobs(StorePaths paths) {
        this.paths = paths;
        this.root = paths.root().resolve("blobs").resolve("sha256");
    }

    /** Stores {@code content}; storing content that is already there, intact, writes nothing. */
    public Stored put(byte[] content) {
        String sha = sha256(content);
        Path target = path(sha);
        if (intact(target, sha, content.length)) {
            return new Stored(sha, content.length);
        }
        try {
            paths.directory(target.getParent());
            AtomicFiles.sweepStale(target.getParent(), ".incoming");
            Path temp = Files.createTempFile(target.getParent(), ".incoming", ".tmp");
            try {
                Files.write(temp, content, StandardOpenOption.WRITE);
                return settle(temp, target, sha, content.length);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new StoreException("cannot store content " + sha + " under " + root + ": " + e.getMessage(), e);
        }
    }

    /** Stores a file's content, streaming it. */
    public Stored put(Path file) {
        try {
            paths.directory(root);
            AtomicFiles.sweepStale(root, ".incoming");
            Path temp = Files.createTempFile(root, ".incoming", ".tmp");
            try {
                MessageDigest digest = digest();
                long size = 0;
                try (InputStream in = Files.newInputStream(file); OutputStream out = Files.newOutputStream(temp)) {
                    byte[] buffer = new byte[64 * 1024];
                    for (int read; (read = in.read(buffer)) > 0; ) {
                        digest.update(buffer, 0, read);
                        out.write(buffer, 0, read);
                        size += read;
                    }
                }
                String sha = HexFormat.of().formatHex(digest.digest());
                Path target = path(sha);
                if (intact(target, sha, size)) {
                    return new Stored(sha, size);
                }
                paths.directory(target.getParent());
                return settle(temp, target, sha, size);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new StoreException("cannot store " + file + " under " + root + ": " + e.getMessage(), e);
        }
    }

    /**
     * The content named {@code sha256}, checked against it.
     *
     * @throws NotFoundException if it is not stored
     * @throws StoreException    if the stored bytes no longer match the hash
     */
    public byte[] get(String sha256) {
        Path file = paths.forReading(path(sha256));
        byte[] content;
        try {
            content = StoreJson.readBounded(file, Integer.MAX_VALUE - 16);
        } catch (NoSuchFileException e) {
            throw new NotFoundException("the content store has no " + sha256 + " (" + file + ")");
        } catch (IOException e) {
            throw new StoreException("cannot read " + file + ": " + e.getMessage(), e);
        }
        String actual = sha256(content);
        if (!actual.equals(sha256)) {
            throw new StoreException(file + " is damaged: its content hashes to " + actual + ", not " + sha256);
        }
        return content;
    }

    /** Whether content named {@code sha256} is stored and still hashes to its name. */
    public boolean intact(String sha256) {
        Path file = path(sha256);
        try {
            return StorePaths.exists(paths.forReading(file)) && intact(file, sha256, Files.size(file));
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether content named {@code sha256} is stored. */
    public boolean contains(String sha256) {
        return StorePaths.exists(paths.forReading(path(sha256)));
    }

    /** The file that holds (or would hold) content named {@code sha256}. */
    public Path path(String sha256) {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new StoreException("'" + sha256 + "' is not a SHA-256 (64 lower-case hex digits)");
        }
        return root.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2));
    }

    /** The lower-case hex SHA-256 of {@code content}. */
    public static String sha256(byte[] content) {
        return HexFormat.of().formatHex(digest().digest(content));
    }

    /**
     * Whether {@code target} holds exactly the content named {@code sha}: present, {@code size}
     * bytes long and hashing to its name. A damaged body is reported here so the caller rewrites it.
     */
    private boolean intact(Path target, String sha, long size) {
        paths.forReading(target);
        try {
            if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) || Files.size(target) != size) {
                return false;
            }
            MessageDigest digest = digest();
            try (InputStream in = Files.newInputStream(target, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                byte[] buffer = new byte[64 * 1024];
                for (int read; (read = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, read);
                }
            }
            return HexFormat.of().formatHex(digest.digest()).equals(sha);
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new StoreException("cannot check " + target + ": " + e.getMessage(), e);
        }
    }

    private Stored settle(Path temp, Path target, String sha, long size) throws IOException {
        try (var channel = java.nio.channels.FileChannel.open(temp, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        paths.forWriting(target);
        // replacing is safe: an intact body and ours are the same bytes, and a damaged one must go
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        AtomicFiles.forceDirectory(target.getParent());
        return new Stored(sha, size);
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
