package dev.mlops.tracking.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The child process of {@link CrashSafetyTest}: reopens the store, then forever appends numbered
 * records to a log and rewrites a metadata file, writing each acknowledged operation to an
 * "acknowledged" file only after the store call returned. The test kills it at random moments.
 */
public final class CrashWriter {

    private CrashWriter() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        try (RecordLog log = RecordLog.open(dir.resolve("metrics.log"), true);
                FileChannel acks = FileChannel.open(dir.resolve("acknowledged"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            int next = log.recovered().records().size();
            while (true) {
                log.append(("record " + next).getBytes(StandardCharsets.UTF_8));
                ack(acks, "L " + next);
                AtomicFiles.write(dir.resolve("run.json"), ("{\"last\":" + next + ",\"padding\":\""
                        + "x".repeat(next % 500) + "\"}").getBytes(StandardCharsets.UTF_8));
                ack(acks, "M " + next);
                next++;
            }
        }
    }

    private static void ack(FileChannel acks, String line) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            acks.write(bytes);
        }
    }
}
