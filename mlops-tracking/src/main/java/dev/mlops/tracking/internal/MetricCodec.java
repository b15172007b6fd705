package dev.mlops.tracking.internal;

import dev.mlops.api.tracking.MetricPoint;
import dev.mlops.api.tracking.StoreException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The binary form of a batch of metric points, one {@link RecordLog} record per batch: a format
 * byte, the point count, then per point the name (2-byte length and UTF-8), the value's IEEE bits,
 * the step and the epoch-millisecond timestamp, all big-endian. The log's checksum covers the batch,
 * so a batch is read whole or not at all.
 */
final class MetricCodec {

    private static final byte FORMAT = 1;

    private MetricCodec() {
    }

    /** Collects points into one batch record. Not thread-safe. */
    public static final class Batch {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        private final DataOutputStream out = new DataOutputStream(bytes);
        private int count;

        /** Adds a point; {@code nameUtf8} is the metric name's UTF-8 bytes (at most 65,535). */
        public void add(byte[] nameUtf8, double value, long step, long epochMillis) {
            try {
                out.writeShort(nameUtf8.length);
                out.write(nameUtf8);
                out.writeDouble(value);
                out.writeLong(step);
                out.writeLong(epochMillis);
            } catch (IOException e) {
                throw new IllegalStateException("writing to memory cannot fail", e);
            }
            count++;
        }

        /** How many points the batch holds. */
        public int size() {
            return count;
        }

        /** The record for the points added so far; the batch is then empty again. */
        public byte[] drain() {
            byte[] record = record();
            clear();
            return record;
        }

        /**
         * The record for the points added so far, leaving them in the batch: a writer clears the
         * batch only once the record is stored, so a failed write loses nothing.
         */
        public byte[] record() {
            ByteBuffer header = ByteBuffer.allocate(5).put(FORMAT).putInt(count);
            byte[] body = bytes.toByteArray();
            byte[] record = new byte[5 + body.length];
            System.arraycopy(header.array(), 0, record, 0, 5);
            System.arraycopy(body, 0, record, 5, body.length);
            return record;
        }

        /** Empties the batch. */
        public void clear() {
            bytes.reset();
            count = 0;
        }
    }

    /** Decodes one batch record, giving each point to {@code sink}. */
    public static void decode(byte[] record, String source, Consumer<MetricPoint> sink) {
        ByteBuffer in = ByteBuffer.wrap(record);
        try {
            byte format = in.get();
            if (format != FORMAT) {
                throw new StoreException(source + " holds a metric batch of unknown format " + format);
            }
            int count = in.getInt();
            for (int i = 0; i < count; i++) {
                byte[] name = new byte[Short.toUnsignedInt(in.getShort())];
                in.get(name);
                double value = in.getDouble();
                long step = in.getLong();
                long millis = in.getLong();
                sink.accept(new MetricPoint(new String(name, StandardCharsets.UTF_8), value, step,
                        Instant.ofEpochMilli(millis)));
            }
            if (in.hasRemaining()) {
                throw new StoreException(source + " holds a metric batch with " + in.remaining() + " stray bytes");
            }
        } catch (BufferUnderflowException e) {
            throw new StoreException(source + " holds a metric batch that ends early", e);
        }
    }

    /** Every point in {@code records}, in order. */
    public static List<MetricPoint> decodeAll(List<byte[]> records, String source) {
        List<MetricPoint> points = new ArrayList<>();
        for (byte[] record : records) {
            decode(record, source, points::add);
        }
        return points;
    }
}
