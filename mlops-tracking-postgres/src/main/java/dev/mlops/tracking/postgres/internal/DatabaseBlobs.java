package dev.mlops.tracking.postgres.internal;

import dev.mlops.api.tracking.StoreException;
import dev.mlops.tracking.store.BlobStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Content-addressed bodies in the database: each content once, named by its SHA-256, in chunks of
 * at most {@value #CHUNK} bytes (so no single value nears PostgreSQL's 1 GB limit, and reads stream
 * in pieces), and checked against its name on every read. Storing content already there checks the
 * stored copy and writes it again when it no longer matches (as the file store heals a body);
 * two clients storing the same content at once both succeed with one copy (the second waits on the
 * first's row, then finds it). A file is stored without holding it in memory: it is hashed in one
 * pass, then written chunk by chunk in a second, which checks that it still has the size and hash
 * the first pass found.
 */
public final class DatabaseBlobs implements BlobStore {

    /** The largest chunk. */
    static final int CHUNK = 1 << 20;

    private final Database database;

    public DatabaseBlobs(Database database) {
        this.database = database;
    }

    /** The SHA-256 of {@code content}, lower-case hex. */
    public static String sha256(byte[] content) {
        return HexFormat.of().formatHex(digest().digest(content));
    }

    /** Content to write: each chunk of it, in order, handed to {@code chunk}. */
    @FunctionalInterface
    interface Chunks {
        void each(ChunkWriter chunk) throws SQLException;
    }

    /** Writes one chunk. */
    @FunctionalInterface
    interface ChunkWriter {
        void write(byte[] bytes) throws SQLException;
    }

    /** Stores {@code content} (once) and returns its name. */
    @Override
    public Stored put(byte[] content) {
        Stored stored = new Stored(sha256(content), content.length);
        database.transaction("store a body of " + content.length + " bytes", c -> put(c, stored, chunk -> {
            for (int from = 0; from < content.length; from += CHUNK) {
                chunk.write(Arrays.copyOfRange(content, from, Math.min(content.length, from + CHUNK)));
            }
        }));
        return stored;
    }

    /**
     * Stores the content of {@code file} (once) and returns its name, holding at most a chunk of it
     * in memory: {@link #measure} reads it once for its name, {@link #put(Path, Stored)} again to write it.
     *
     * @throws StoreException if it cannot be read or written, or it changed between the two passes
     */
    @Override
    public Stored put(Path file) {
        return put(file, measure(file));
    }

    /** The name and size of {@code file}'s content, read through once in pieces. */
    static Stored measure(Path file) {
        MessageDigest digest = digest();
        long size = 0;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int read; (read = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, read);
                size += read;
            }
        } catch (IOException e) {
            throw new StoreException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return new Stored(HexFormat.of().formatHex(digest.digest()), size);
    }

    /**
     * Stores the content of {@code file}, which {@link #measure} found to be {@code measured}, reading
     * it again chunk by chunk; when the bytes read now are not that content (the file changed since),
     * nothing is stored.
     *
     * @throws StoreException if it cannot be read or written, or it is no longer the content measured
     */
    Stored put(Path file, Stored measured) {
        database.transaction("store " + file + " (" + measured.size() + " bytes)", c -> put(c, measured, chunk -> {
            MessageDigest digest = digest();
            long size = 0;
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buffer = new byte[CHUNK];
                for (int read; (read = in.readNBytes(buffer, 0, CHUNK)) > 0; ) {
                    digest.update(buffer, 0, read);
                    size += read;
                    if (size > measured.size()) {
                        break; // grew: refused below
                    }
                    chunk.write(read == CHUNK ? buffer : Arrays.copyOf(buffer, read));
                }
            } catch (IOException e) {
                throw new StoreException("cannot read " + file + ": " + e.getMessage(), e);
            }
            String sha = HexFormat.of().formatHex(digest.digest());
            if (size != measured.size() || !sha.equals(measured.sha256())) {
                throw new StoreException(file + " changed while it was being stored: it had " + measured.size()
                        + " bytes hashing to " + measured.sha256() + ", then " + (size > measured.size()
                        ? "more bytes" : size + " bytes hashing to " + sha) + "; nothing was stored");
            }
        }));
        return measured;
    }

    /** Stores the content {@code stored} names, written by {@code chunks}, within the caller's transaction. */
    private Void put(Connection c, Stored stored, Chunks chunks) throws SQLException {
        String sha = stored.sha256();
        int count = Math.toIntExact((stored.size() + CHUNK - 1) / CHUNK);
        try (PreparedStatement insert = c.prepareStatement("insert into " + database.table("blobs")
                + " (sha256, size, chunks) values (?, ?, ?) on conflict (sha256) do nothing")) {
            insert.setString(1, sha);
            insert.setLong(2, stored.size());
            insert.setInt(3, count);
            if (insert.executeUpdate() == 0 && intact(c, sha)) {
                return null; // already stored (by us earlier, or by another client that just committed)
            }
        }
        // new, or stored but damaged: a body is data the store can always write again from the content
        try (PreparedStatement lock = c.prepareStatement("select 1 from " + database.table("blobs")
                + " where sha256 = ? for update")) {
            lock.setString(1, sha);
            lock.executeQuery().close();
        }
        try (PreparedStatement clear = c.prepareStatement("delete from " + database.table("blob_chunks")
                + " where sha256 = ?")) {
            clear.setString(1, sha);
            clear.executeUpdate();
        }
        try (PreparedStatement update = c.prepareStatement("update " + database.table("blobs")
                + " set size = ?, chunks = ? where sha256 = ?")) {
            update.setLong(1, stored.size());
            update.setInt(2, count);
            update.setString(3, sha);
            update.executeUpdate();
        }
        try (PreparedStatement insert = c.prepareStatement("insert into " + database.table("blob_chunks")
                + " (sha256, chunk, bytes) values (?, ?, ?)")) {
            int[] next = {0};
            chunks.each(bytes -> {
                insert.setString(1, sha);
                insert.setInt(2, next[0]++);
                insert.setBytes(3, bytes);
                insert.executeUpdate();
            });
        }
        return null;
    }

    /**
     * The content named {@code sha}.
     *
     * @throws StoreException if it is missing, or its bytes no longer match its name
     */
    @Override
    public byte[] get(String sha) {
        return database.transaction("read body " + sha, c -> read(c, sha, true));
    }

    /** Whether the body named {@code sha} reads back whole and matching its name (checked a chunk at a time). */
    private boolean intact(Connection c, String sha) throws SQLException {
        try {
            read(c, sha, false);
            return true;
        } catch (StoreException damaged) {
            return false;
        }
    }

    /**
     * The content named {@code sha}, read within the caller's transaction a few chunks at a time, and
     * checked against its name; kept and returned only when {@code keep} (else null).
     *
     * @throws StoreException if it is missing, or its bytes no longer match its name
     */
    private byte[] read(Connection c, String sha, boolean keep) throws SQLException {
        long size;
        int chunks;
        try (PreparedStatement select = c.prepareStatement("select size, chunks from " + database.table("blobs")
                + " where sha256 = ?")) {
            select.setString(1, sha);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new StoreException("body " + sha + " is missing from the store");
                }
                size = row.getLong(1);
                chunks = row.getInt(2);
            }
        }
        if (keep && size > Integer.MAX_VALUE - 8) {
            throw new StoreException("body " + sha + " has " + size + " bytes, more than an array holds");
        }
        ByteArrayOutputStream content = keep ? new ByteArrayOutputStream((int) Math.max(0, size)) : null;
        MessageDigest digest = digest();
        int seen = 0;
        long length = 0;
        try (PreparedStatement select = c.prepareStatement("select chunk, bytes from "
                + database.table("blob_chunks") + " where sha256 = ? order by chunk")) {
            select.setFetchSize(4); // a cursor: a few chunks in memory at a time
            select.setString(1, sha);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    if (row.getInt(1) != seen++) {
                        throw new StoreException("body " + sha + " lacks chunk " + (seen - 1));
                    }
                    byte[] bytes = row.getBytes(2);
                    digest.update(bytes);
                    length += bytes.length;
                    if (keep) {
                        if (length > size) {
                            break; // longer than recorded: damaged, reported below
                        }
                        content.writeBytes(bytes);
                    }
                }
            }
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        if (seen != chunks || length != size || !actual.equals(sha)) {
            throw new StoreException("body " + sha + " is damaged: its " + length + " bytes in " + seen
                    + " chunks no longer match its name (" + size + " bytes in " + chunks + " chunks expected)");
        }
        return keep ? content.toByteArray() : null;
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
