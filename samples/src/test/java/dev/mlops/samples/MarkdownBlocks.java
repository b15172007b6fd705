package dev.mlops.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
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

/**
 * The Java blocks of a Markdown page, compiled against the SDK as built and run. Each block becomes
 * the body of a method {@code run}, whose parameters are what the block takes as given; its
 * {@code import} lines go to the top. {@code Path.of("samples/...")} reads from the repository and
 * any other path goes to a scratch directory, so blocks write nothing into the working tree.
 */
final class MarkdownBlocks {

    /** The imports every block has, as a reader pasting it would add. */
    static final String IMPORTS = String.join("\n",
            "import dev.mlops.api.*;", "import dev.mlops.api.model.*;", "import dev.mlops.api.pipeline.*;",
            "import dev.mlops.api.tracking.*;", "import dev.mlops.core.bundle.*;", "import dev.mlops.core.check.*;",
            "import dev.mlops.core.data.*;", "import dev.mlops.core.drift.*;", "import dev.mlops.core.eval.*;",
            "import dev.mlops.core.pipeline.*;", "import dev.mlops.core.prep.*;", "import dev.mlops.core.profile.*;",
            "import dev.mlops.core.split.*;", "import dev.mlops.core.train.*;", "import dev.mlops.core.tune.*;",
            "import dev.mlops.tracking.*;", "import dev.mlops.serving.*;", "import dev.mlops.serving.monitor.*;",
            "import dev.mlops.test.*;",
            "import static dev.mlops.test.ModelAssertions.*;", "import java.nio.file.*;", "import java.util.*;");

    private static final String PATHS = """
                public static Path scratch;

                static Path path(String name) {
                    return name.startsWith("samples/") ? Path.of("..", name) : scratch.resolve(name);
                }
            """;

    private MarkdownBlocks() {
    }

    /**
     * Compiles every Java block of {@code page} into {@code classes}, block {@code i} as class
     * {@code prefix + (i + 1)} taking {@code given.get(i)} as parameters.
     */
    static List<Class<?>> compile(Path page, List<String> given, String prefix, Path classes) throws Exception {
        List<String> texts = javaBlocks(Files.readAllLines(page));
        assertEquals(given.size(), texts.size(), page + " Java blocks: give each new one its line of parameters");
        List<Path> sources = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            StringBuilder imports = new StringBuilder(IMPORTS).append('\n');
            StringBuilder body = new StringBuilder();
            for (String line : texts.get(i).split("\n", -1)) {
                (line.startsWith("import ") ? imports : body).append(line.replace("Path.of(", "path(")).append('\n');
            }
            String name = prefix + (i + 1);
            sources.add(Files.writeString(classes.resolve(name + ".java"), imports + "\npublic class " + name
                    + " {\n" + PATHS + "\n    public void run(" + given.get(i) + ") throws Exception {\n" + body
                    + "    }\n}\n"));
        }
        compileAll(sources, classes, page);
        URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                MarkdownBlocks.class.getClassLoader());
        List<Class<?>> blocks = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            blocks.add(Class.forName(prefix + (i + 1), true, loader));
        }
        return blocks;
    }

    /** Runs {@code block} with {@code given}, its other files in {@code scratch}; what it printed. */
    static String run(Class<?> block, Path scratch, Object... given) throws Exception {
        block.getDeclaredField("scratch").set(null, scratch);
        Method method = null;
        for (Method candidate : block.getMethods()) {
            if (candidate.getName().equals("run")) {
                method = candidate;
            }
        }
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            method.invoke(block.getConstructor().newInstance(), given);
        } catch (InvocationTargetException e) {
            throw new AssertionError(block.getSimpleName() + " failed: " + e.getCause(), e.getCause());
        } finally {
            System.setOut(out);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }

    private static void compileAll(List<Path> sources, Path classes, Path page) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            boolean compiled = compiler.getTask(null, files, diagnostics, List.of("-classpath",
                    System.getProperty("java.class.path"), "-d", classes.toString(), "-proc:none"), null,
                    files.getJavaFileObjectsFromPaths(sources)).call();
            StringBuilder report = new StringBuilder();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() == Diagnostic.Kind.ERROR) {
                    report.append(d.getSource().getName()).append(':').append(d.getLineNumber()).append(' ')
                            .append(d.getMessage(Locale.ROOT)).append('\n');
                }
            }
            assertTrue(compiled && report.length() == 0, page + " blocks do not compile:\n" + report);
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
