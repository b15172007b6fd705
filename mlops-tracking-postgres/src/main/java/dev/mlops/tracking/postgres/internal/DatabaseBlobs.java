package dev.mlops.tracking.postgres.internal;

import dev.mlops.api.tracking.StoreException;
import dev.mlops.tracking.store.BlobStore;
import java.io.ByteArrayOutputStream;
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
 * first's row, then finds it).
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
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** Stores {@code content} (once) and returns its name. */
    @Override
    public Stored put(byte[] content) {
        String sha = sha256(content);
        database.transaction("store a body of " + content.length + " bytes", c -> put(c, sha, content));
        return new Stored(sha, content.length);
    }

    /** Stores {@code content} named {@code sha} within the caller's transaction. */
    Void put(Connection c, String sha, byte[] content) throws SQLException {
        int chunks = (content.length + CHUNK - 1) / CHUNK;
        try (PreparedStatement insert = c.prepareStatement("insert into " + database.table("blobs")
                + " (sha256, size, chunks) values (?, ?, ?) on conflict (sha256) do nothing")) {
            insert.setString(1, sha);
            insert.setLong(2, content.length);
            insert.setInt(3, chunks);
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
            update.setLong(1, content.length);
            update.setInt(2, chunks);
            update.setString(3, sha);
            update.executeUpdate();
        }
        try (PreparedStatement insert = c.prepareStatement("insert into " + database.table("blob_chunks")
                + " (sha256, chunk, bytes) values (?, ?, ?)")) {
            for (int chunk = 0; chunk < chunks; chunk++) {
                insert.setString(1, sha);
                insert.setInt(2, chunk);
                insert.setBytes(3, Arrays.copyOfRange(content, chunk * CHUNK,
                        Math.min(content.length, (chunk + 1) * CHUNK)));
                insert.executeUpdate();
            }
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
        return database.transaction("read body " + sha, c -> read(c, sha));
    }

    /** Whether the body named {@code sha} reads back whole and matching its name. */
    private boolean intact(Connection c, String sha) throws SQLException {
        try {
            read(c, sha);
            return true;
        } catch (StoreException damaged) {
            return false;
        }
    }

    /**
     * The content named {@code sha}, read within the caller's transaction.
     *
     * @throws StoreException if it is missing, or its bytes no longer match its name
     */
    private byte[] read(Connection c, String sha) throws SQLException {
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
        if (size > Integer.MAX_VALUE - 8) {
            throw new StoreException("body " + sha + " has " + size + " bytes, more than an array holds");
        }
        ByteArrayOutputStream content = new ByteArrayOutputStream((int) size);
        int seen = 0;
        try (PreparedStatement select = c.prepareStatement("select chunk, bytes from "
                + database.table("blob_chunks") + " where sha256 = ? order by chunk")) {
            select.setString(1, sha);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    if (row.getInt(1) != seen++) {
                        throw new StoreException("body " + sha + " lacks chunk " + (seen - 1));
                    }
                    content.writeBytes(row.getBytes(2));
                }
            }
        }
        byte[] bytes = content.toByteArray();
        if (seen != chunks || bytes.length != size || !sha256(bytes).equals(sha)) {
            throw new StoreException("body " + sha + " is damaged: its " + bytes.length + " bytes in " + seen
                    + " chunks no longer match its name (" + size + " bytes in " + chunks + " chunks expected)");
        }
        return bytes;
    }
}
