package dev.mlops.api;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Computes {@link DatasetFingerprint}s; the encoding is documented there. */
final class Fingerprinter {

    private static final byte[] VERSION = "mlops-frame-v1".getBytes(StandardCharsets.UTF_8);

    private final MessageDigest digest;
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);

    private Fingerprinter() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    static DatasetFingerprint of(Frame frame) {
        return new Fingerprinter().fingerprint(frame);
    }

    private DatasetFingerprint fingerprint(Frame frame) {
        putBytes(VERSION);
        putInt(frame.columnCount());
        putLong(frame.rowCount());
        for (Column column : frame.columns()) {
            putString(column.name());
            putString(column.type().jsonName());
        }
        for (Column column : frame.columns()) {
            encodeValues(column);
        }
        flush();
        return new DatasetFingerprint(HexFormat.of().formatHex(digest.digest()), frame.schema(), frame.rowCount());
    }

    private void encodeValues(Column column) {
        if (column instanceof CategoricalColumn c) {
            encodeLabels(c);
            return;
        }
        for (int row = 0; row < column.size(); row++) {
            if (!present(column, row)) {
                continue;
            }
            if (column instanceof NumericColumn c) {
                putLong(Double.doubleToLongBits(c.value(row)));
            } else if (column instanceof BooleanColumn c) {
                putByte(c.value(row) ? (byte) 1 : 0);
            } else if (column instanceof TimestampColumn c) {
                putLong(c.epochMicros(row));
            } else {
                putString(((TextColumn) column).value(row));
            }
        }
    }

    /** Encodes each label once, then copies its bytes per row. */
    private void encodeLabels(CategoricalColumn column) {
        byte[][] encoded = new byte[column.dictionarySize()][];
        for (int row = 0; row < column.size(); row++) {
            int code = column.code(row);
            putByte(code == CategoricalColumn.MISSING ? (byte) 0 : 1);
            if (code != CategoricalColumn.MISSING) {
                if (encoded[code] == null) {
                    encoded[code] = column.label(code).getBytes(StandardCharsets.UTF_8);
                }
                putInt(encoded[code].length);
                putBytes(encoded[code]);
            }
        }
    }

    private boolean present(Column column, int row) {
        boolean missing = column.isMissing(row);
        putByte(missing ? (byte) 0 : 1);
        return !missing;
    }

    private void putString(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        putInt(bytes.length);
        putBytes(bytes);
    }

    private void putByte(byte b) {
        ensure(1);
        buffer.put(b);
    }

    private void putInt(int value) {
        ensure(4);
        buffer.putInt(value);
    }

    private void putLong(long value) {
        ensure(8);
        buffer.putLong(value);
    }

    private void putBytes(byte[] bytes) {
        if (bytes.length > buffer.remaining()) {
            flush();
            if (bytes.length > buffer.capacity()) {
                digest.update(bytes);
                return;
            }
        }
        buffer.put(bytes);
    }

    private void ensure(int bytes) {
        if (buffer.remaining() < bytes) {
            flush();
        }
    }

    private void flush() {
        digest.update(buffer.array(), 0, buffer.position());
        buffer.clear();
    }
}
