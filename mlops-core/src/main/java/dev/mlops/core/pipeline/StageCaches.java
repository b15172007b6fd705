package dev.mlops.core.pipeline;

import dev.mlops.api.pipeline.StageCache;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in stage caches.
 *
 * @since 0.1
 */
public final class StageCaches {

    private static final Logger LOG = LoggerFactory.getLogger(StageCaches.class);
    private static final Pattern KEY = Pattern.compile("[0-9a-f]{64}");

    private StageCaches() {
    }

    /**
     * A cache in {@code directory} (created if absent): one file per entry, named by its key, written
     * to a temporary file, forced to disk and renamed, and holding the SHA-256 of its key and bytes,
     * checked on every read (a damaged, truncated or misplaced entry is a miss, and is removed). Links
     * are not followed: an entry or a shard directory that is a link is a miss, and is never written
     * through.
     *
     * @throws UncheckedIOException     if the directory cannot be created
     * @throws IllegalArgumentException if {@code directory} is a link or not a directory
     */
    public static StageCache directory(Path directory) {
        Objects.requireNonNull(directory, "directory");
        Path root = directory.toAbsolutePath().normalize();
        try {
            if (Files.isSymbolicLink(root)) {
                throw new IllegalArgumentException("the stage cache " + root + " is a link; give the directory itself");
            }
            if (Files.exists(root, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
                throw new IllegalArgumentException("the stage cache " + root + " is not a directory");
            }
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the stage cache " + root, e);
        }
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("the stage cache " + root + " is not a directory");
        }
        return new DirectoryCache(root);
    }

    private record DirectoryCache(Path root) implements StageCache {

        @Override
        public Optional<byte[]> get(String key) {
            Path file = file(key);
            if (!inside(file) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            try {
                byte[] stored = Files.readAllBytes(file);
                if (stored.length >= 32) {
                    byte[] payload = Arrays.copyOfRange(stored, 32, stored.length);
                    if (Arrays.equals(digest(key, payload), Arrays.copyOf(stored, 32))) {
                        return Optional.of(payload);
                    }
                }
                LOG.warn("stage cache entry {} is damaged or not this key's; it is removed and the stage computed again",
                        file);
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warn("stage cache entry {} cannot be read ({}); the stage is computed again", file, e.toString());
            }
            return Optional.empty();
        }

        @Override
        public void put(String key, byte[] value) {
            Path file = file(key);
            Path temporary = null;
            try {
                Files.createDirectories(file.getParent());
                if (!inside(file)) {
                    LOG.warn("stage cache shard {} is a link or leads outside the cache; nothing is written there",
                            file.getParent());
                    return;
                }
                temporary = Files.createTempFile(file.getParent(), key.substring(0, 8), ".partial");
                try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                    ByteBuffer buffer = ByteBuffer.allocate(32 + value.length).put(digest(key, value)).put(value).flip();
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                    channel.force(true);
                }
                try {
                    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
                }
                temporary = null;
            } catch (IOException | UncheckedIOException e) {
                LOG.warn("stage cache entry {} could not be written ({}); the stage will be computed again next time",
                        file, e.toString());
            } finally {
                if (temporary != null) {
                    try {
                        Files.deleteIfExists(temporary);
                    } catch (IOException ignored) {
                        // the write failed already; a stray temporary file is only wasted space
                    }
                }
            }
        }

        /**
         * Whether {@code file}'s shard directory is a real directory of this cache (not a link, and
         * nowhere else once links above it are resolved): a planted link never leads reads, writes or
         * removals outside.
         */
        private boolean inside(Path file) {
            Path shard = file.getParent();
            try {
                return !Files.isSymbolicLink(shard) && (!Files.exists(shard, LinkOption.NOFOLLOW_LINKS)
                        || shard.toRealPath().startsWith(root.toRealPath()));
            } catch (IOException e) {
                return false;
            }
        }

        private Path file(String key) {
            if (key == null || !KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("a stage cache key is 64 lower-case hex digits: " + key);
            }
            return root.resolve(key.substring(0, 2)).resolve(key);
        }
    }

    /** The digest an entry is stored with: of its key and its bytes, so an entry moved under another key is a miss. */
    private static byte[] digest(String key, byte[] value) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(key.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            sha.update((byte) 0);
            return sha.digest(value);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
