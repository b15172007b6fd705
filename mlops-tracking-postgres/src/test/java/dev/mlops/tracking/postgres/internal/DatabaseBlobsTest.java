package dev.mlops.tracking.postgres.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.tracking.StoreException;
import dev.mlops.tracking.postgres.PostgresOptions;
import dev.mlops.tracking.postgres.PostgresTracking;
import dev.mlops.tracking.postgres.TestDatabase;
import dev.mlops.tracking.store.BlobStore;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The database's bodies, stored from a file in two passes: hashed, then written chunk by chunk. */
class DatabaseBlobsTest {

    @TempDir
    Path dir;

    private String schema;
    private DatabaseBlobs blobs;
    private Path file;
    private byte[] content;

    @BeforeEach
    void openBlobs() throws Exception {
        schema = TestDatabase.freshSchema();
        PostgresTracking.open(TestDatabase.dataSource(), PostgresOptions.defaults().schema(schema)
                .workingDirectory(null)).close(); // migrates the schema
        blobs = new DatabaseBlobs(new Database(TestDatabase.dataSource(), schema, 3));
        content = new byte[2 * DatabaseBlobs.CHUNK + 100];
        new Random(7).nextBytes(content);
        file = Files.write(dir.resolve("body.bin"), content);
    }

    @Test
    void aFileThatChangesBetweenTheTwoPassesIsRefusedAndNothingIsStored() throws Exception {
        BlobStore.Stored measured = DatabaseBlobs.measure(file);
        assertEquals(new BlobStore.Stored(DatabaseBlobs.sha256(content), content.length), measured);
        try (RandomAccessFile edit = new RandomAccessFile(file.toFile(), "rw")) { // same size, one byte else
            edit.seek(DatabaseBlobs.CHUNK + 10);
            edit.write(content[DatabaseBlobs.CHUNK + 10] + 1);
        }
        StoreException changed = assertThrows(StoreException.class, () -> blobs.put(file, measured));
        assertTrue(changed.getMessage().contains(file + " changed while it was being stored"), changed.getMessage());
        assertEquals(0, rows("blobs") + rows("blob_chunks"), "nothing stored");
        Files.write(file, content);
        Files.write(file, new byte[] {1}, java.nio.file.StandardOpenOption.APPEND); // grown
        assertThrows(StoreException.class, () -> blobs.put(file, measured));
        Files.write(file, java.util.Arrays.copyOf(content, content.length - 1)); // shrunk
        assertThrows(StoreException.class, () -> blobs.put(file, measured));
        assertEquals(0, rows("blobs") + rows("blob_chunks"), "nothing stored");
        Files.write(file, content);
        assertEquals(measured, blobs.put(file));
        assertArrayEquals(content, blobs.get(measured.sha256()));
    }

    @Test
    void storingAFileAgainRepairsADamagedBody() throws Exception {
        BlobStore.Stored stored = blobs.put(file);
        assertEquals(3, rows("blob_chunks"));
        try (Connection c = TestDatabase.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("update \"" + schema + "\".blob_chunks set bytes = overlay(bytes placing '\\xff'::bytea"
                    + " from 10 for 1) where chunk = 1");
        }
        assertThrows(StoreException.class, () -> blobs.get(stored.sha256()), "damage is reported");
        assertEquals(stored, blobs.put(file));
        assertArrayEquals(content, blobs.get(stored.sha256()));
        assertEquals(stored, blobs.put(content), "the same content, from memory, is the same body");
        assertEquals(3, rows("blob_chunks"));
    }

    private long rows(String table) throws Exception {
        try (Connection c = TestDatabase.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select count(*) from \"" + schema + "\"." + table)) {
            r.next();
            return r.getLong(1);
        }
    }
}
