package dev.mlops.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java block of the README compiles against the SDK as built, so the README cannot drift from
 * the API. Each block becomes the body of a method; its {@code import} lines go to the top, and the
 * few names a block takes as given (a frame, a run, your own format) are the method's parameters,
 * listed in {@link #GIVEN} so a reader can see them.
 */
class ReadmeSnippetsCompileTest {

    /** Per block, in README order: what the block assumes the reader already has. */
    private static final List<String> GIVEN = List.of(
            "",
            "Frame frame, double[] loss, ModelBundle bundle",
            "Frame train, Frame test, Run parentRun, ModelFormat myFormat");

    private static final String IMPORTS = String.join("\n",
            "import dev.mlops.api.*;", "import dev.mlops.api.model.*;", "import dev.mlops.api.tracking.*;",
            "import dev.mlops.core.bundle.*;", "import dev.mlops.core.check.*;", "import dev.mlops.core.data.*;",
            "import dev.mlops.core.drift.*;", "import dev.mlops.core.eval.*;", "import dev.mlops.core.pipeline.*;",
            "import dev.mlops.core.prep.*;", "import dev.mlops.core.profile.*;", "import dev.mlops.core.split.*;",
            "import dev.mlops.core.train.*;", "import dev.mlops.core.tune.*;", "import dev.mlops.tracking.*;",
            "import java.nio.file.*;", "import java.util.*;");

    @TempDir
    Path dir;

    @Test
    void everyJavaBlockOfTheReadmeCompiles() throws IOException {
        List<String> blocks = javaBlocks(Files.readAllLines(Path.of("../README.md")));
        assertEquals(GIVEN.size(), blocks.size(), "README Java blocks: give each new one its line in GIVEN");
        List<Path> sources = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            StringBuilder imports = new StringBuilder(IMPORTS).append('\n');
            StringBuilder body = new StringBuilder();
            for (String line : blocks.get(i).split("\n", -1)) {
                (line.startsWith("import ") ? imports : body).append(line).append('\n');
            }
            String name = "ReadmeBlock" + (i + 1);
            sources.add(Files.writeString(dir.resolve(name + ".java"), imports + "\nclass " + name + " {\n"
                    + "    void run(" + GIVEN.get(i) + ") throws Exception {\n" + body + "    }\n}\n"));
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            boolean compiled = compiler.getTask(null, files, diagnostics, List.of("-classpath",
                    System.getProperty("java.class.path"), "-d", dir.toString(), "-proc:none"), null,
                    files.getJavaFileObjectsFromPaths(sources)).call();
            StringBuilder report = new StringBuilder();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() == Diagnostic.Kind.ERROR) {
                    report.append(d.getSource().getName()).append(':').append(d.getLineNumber()).append(' ')
                            .append(d.getMessage(Locale.ROOT)).append('\n');
                }
            }
            assertTrue(compiled && report.length() == 0, "README blocks do not compile:\n" + report);
        }
    }

    private static List<String> javaBlocks(List<String> lines) {
        List<String> blocks = new ArrayList<>();
        StringBuilder block = null;
        for (String line : lines) {
            if (block == null && line.strip().equals("```java")) {
                block = new StringBuilder();
            } else if (block != null && line.strip().equals("```")) {
                blocks.add(block.toString());
                block = null;
            } else if (block != null) {
                block.append(line).append('\n');
            }
        }
        return blocks;
    }
}
