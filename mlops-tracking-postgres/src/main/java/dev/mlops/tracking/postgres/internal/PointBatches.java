package dev.mlops.tracking.postgres.internal;

import dev.mlops.api.tracking.MetricPoint;
import dev.mlops.api.tracking.StoreException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A batch of metric points as one value: format byte 1, the batch's distinct names (count, then
 * each as UTF-8 with its length), the point count, then per point its name's index, step, value's
 * IEEE bits (NaN, infinities and -0.0 kept exactly) and timestamp in epoch nanoseconds.
 */
final class PointBatches {

    private static final int FORMAT = 1;

    private PointBatches() {
    }

    /** One point to encode. */
    record Point(String name, double value, long step, long atNanos) {
    }

    static byte[] encode(List<Point> points) {
        Map<String, Integer> names = new HashMap<>();
        List<String> order = new ArrayList<>();
        for (Point point : points) {
            names.computeIfAbsent(point.name(), n -> {
                order.add(n);
                return order.size() - 1;
            });
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + points.size() * 28);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeInt(order.size());
            for (String name : order) {
                byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
                out.writeInt(utf8.length);
                out.write(utf8);
            }
            out.writeInt(points.size());
            for (Point point : points) {
                out.writeInt(names.get(point.name()));
                out.writeLong(point.step());
                out.writeLong(Double.doubleToRawLongBits(point.value()));
                out.writeLong(point.atNanos());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen in memory", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Hands every point of {@code payload} named {@code metric} (every point when null) to {@code sink}, in order.
     *
     * @throws StoreException naming {@code where} when the payload is not such a batch
     */
    static void decode(byte[] payload, String metric, String where, Consumer<MetricPoint> sink) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            int format = in.readUnsignedByte();
            if (format != FORMAT) {
                throw new StoreException(where + " holds metric points in an unknown format " + format);
            }
            int count = in.readInt();
            if (count < 0 || count > payload.length) {
                throw new StoreException(where + " is damaged: " + count + " names");
            }
            String[] names = new String[count];
            for (int i = 0; i < count; i++) {
                int length = in.readInt();
                if (length < 0 || length > payload.length) {
                    throw new StoreException(where + " is damaged: a name of " + length + " bytes");
                }
                names[i] = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            }
            int points = in.readInt();
            if (points < 0 || points > payload.length / 28) {
                throw new StoreException(where + " is damaged: " + points + " points in " + payload.length + " bytes");
            }
            for (int p = 0; p < points; p++) {
                int name = in.readInt();
                if (name < 0 || name >= names.length) {
                    throw new StoreException(where + " is damaged: point " + p + " names entry " + name);
                }
                long step = in.readLong();
                double value = Double.longBitsToDouble(in.readLong());
                long at = in.readLong();
                if (metric == null || metric.equals(names[name])) {
                    sink.accept(new MetricPoint(names[name], value, step, Nanos.instant(at)));
                }
            }
            if (in.read() != -1) {
                throw new StoreException(where + " is damaged: bytes follow its last point");
            }
        } catch (IOException e) {
            throw new StoreException(where + " is damaged: it ends early (" + e.getMessage() + ")", e);
        }
    }
}
