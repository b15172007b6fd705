package dev.mlops.tracking.postgres;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts {@link PostgresWorker} JVMs on the test classpath, tuned to start fast (they live for seconds). */
final class Workers {

    private Workers() {
    }

    static Process start(Path output, String... arguments) throws IOException {
        return start(output, List.of(), arguments);
    }

    /** A worker with {@code jvmOptions} too (a smaller heap: {@code -Xmx24m}). */
    static Process start(Path output, List<String> jvmOptions, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:CICompilerCount=1", "-Xshare:auto"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), PostgresWorker.class.getName()));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }
}
