package dev.mlops.benchmarks;

import dev.mlops.api.tracking.ModelRegistry;
import dev.mlops.api.tracking.ModelSource;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.tracking.Tracking;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A registry change when the model's audit log is empty and when it holds {@code auditMegabytes}
 * of history: {@code sdk} moves an alias through {@link ModelRegistry#setAlias} (a durable audit
 * append, then the atomic rewrite of {@code model.json}); {@code baseline} does the same I/O by hand
 * with NIO (append a record of the same size and force it, then write, force and rename a document
 * of the same size and force its directory). An append must cost the same at any log size: the
 * sdk / baseline ratio at 32 MB should equal the ratio at 0 MB (before the write-ahead journal,
 * every append re-read the whole log: 3.4 ms became 21.6 ms at 32 MB).
 *
 * <pre>
 * mvn -B -q -DskipTests package -pl benchmarks -am
 * java -jar benchmarks/target/benchmarks.jar AuditAppendBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class AuditAppendBenchmark {

    @Param({"0", "32"})
    public int auditMegabytes;

    private Path directory;
    private Tracker tracker;
    private ModelRegistry registry;
    private int version;
    private byte[] record;
    private byte[] document;

    @Setup(Level.Trial)
    public void open() throws IOException {
        directory = Files.createTempDirectory("audit-bench");
        tracker = Tracking.local(directory.resolve("store"));
        registry = tracker.registry();
        registry.register("m", ModelSource.opaque(new byte[] {1}));
        registry.register("m", ModelSource.opaque(new byte[] {2}));
        Path audit = directory.resolve("store/registry/m/audit.log");
        String padding = "x".repeat(8_000);
        // each tag change records the version before and after, all its tags included: the log grows fast
        for (int tag = 0; Files.size(audit) < auditMegabytes * 1024L * 1024L; tag++) {
            registry.tagVersion("m/1", "padding-" + tag, padding);
        }
        registry.setAlias("m", "champion", 1);
        record = new byte[(int) Math.min(Files.size(audit), 400)];
        document = Files.readAllBytes(directory.resolve("store/registry/m/model.json"));
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        tracker.close();
        ScratchDirectories.delete(directory);
    }

    @Benchmark
    public int sdk() {
        version = 3 - (version == 1 ? 1 : 2); // alternate between versions 1 and 2
        registry.setAlias("m", "champion", version);
        return version;
    }

    @Benchmark
    public long baseline() throws IOException {
        Path log = directory.resolve("baseline.log");
        try (FileChannel channel = FileChannel.open(log, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            channel.write(ByteBuffer.wrap(record));
            channel.force(false);
        }
        Path temp = directory.resolve(".baseline.json.tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(ByteBuffer.wrap(document));
            channel.force(true);
        }
        Files.move(temp, directory.resolve("baseline.json"), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
        return new String(document, 0, 1, StandardCharsets.UTF_8).length();
    }
}
