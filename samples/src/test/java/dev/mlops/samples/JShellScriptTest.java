package dev.mlops.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens {@code samples/jshell/lifecycle.jsh} in the JDK's own {@code jshell}, as a user would, with
 * the SDK on the class path, and fails if JShell reports an error or an exception for any snippet:
 * the script cannot rot.
 */
class JShellScriptTest {

    @TempDir
    Path store;

    @Test
    void theLifecycleScriptRunsInJShellWithoutAnError() throws Exception {
        Path jshell = Path.of(System.getProperty("java.home"), "bin", "jshell");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path script = store.resolve("script.jsh");
        Files.writeString(script, Files.readString(Path.of("jshell", "lifecycle.jsh")) + "\n/exit\n");
        Path output = store.resolve("output.txt");
        Process process = new ProcessBuilder(jshell.toString(), "--feedback", "normal", "-R-Dmlops.data=" + store,
                "-R-Xmx1g", "--class-path", classPath, script.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("jshell did not finish in 5 minutes: " + Files.readString(output));
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        System.out.println(printed);
        assertEquals(0, process.exitValue(), printed);
        List<String> problems = printed.lines()
                .filter(line -> line.startsWith("|  Error") || line.startsWith("|  Exception")
                        || line.contains("Exception in thread") || line.startsWith("|  Caused by"))
                .toList();
        assertTrue(problems.isEmpty(), "JShell reported " + problems + " in:\n" + printed);
        assertTrue(printed.contains("REGISTERED - registered as income/1 and named @champion"), printed);
        assertTrue(printed.contains("Frame 32,561 rows x 15 columns"), printed);
        assertTrue(printed.contains("Profile of 32,561 rows x 15 columns, target 'Salary'"), printed);
        assertTrue(classPath.contains(File.pathSeparator), "a real class path");
    }
}
