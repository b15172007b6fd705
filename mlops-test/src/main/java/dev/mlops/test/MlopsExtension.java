package dev.mlops.test;

import dev.mlops.api.tracking.ModelRegistry;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.tracking.LocalOptions;
import dev.mlops.tracking.Tracking;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test method (or a lifecycle method) a {@link Tracker} or a {@link ModelRegistry} of its
 * own: an embedded file store in a temporary directory, closed and deleted when the test ends, so
 * tests never share or leave state. A {@code Tracker} and a {@code ModelRegistry} asked for by the
 * same test are the same store.
 *
 * <pre>{@code
 * @ExtendWith(MlopsExtension.class)
 * class IncomeModelTest {
 *     @Test
 *     void registersOnlyABetterModel(Tracker tracker) { ... }
 * }
 * }</pre>
 *
 * @since 0.1
 */
public final class MlopsExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MlopsExtension.class);

    /** The extension; JUnit creates it. */
    public MlopsExtension() {
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Tracker.class || type == ModelRegistry.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // keyed by this context's id: a lookup also searches parent contexts, and a test must not find the
        // store its class (a @BeforeAll, a constructor) or an enclosing @Nested class asked for
        Store store = context.getStore(NAMESPACE).getOrComputeIfAbsent(context.getUniqueId(), key -> new Store(),
                Store.class);
        return parameter.getParameter().getType() == Tracker.class ? store.tracker : store.tracker.registry();
    }

    /** One test's store; JUnit closes it when the test's context ends. */
    private static final class Store implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        private final Path directory;
        private final Tracker tracker;

        Store() {
            try {
                directory = Files.createTempDirectory("mlops-test-");
            } catch (IOException e) {
                throw new ParameterResolutionException("cannot create a temporary store: " + e.getMessage(), e);
            }
            tracker = Tracking.local(directory, LocalOptions.defaults().workingDirectory(null));
        }

        @Override
        public void close() {
            try {
                tracker.close();
            } finally {
                delete(directory);
            }
        }

        private static void delete(Path root) {
            try {
                Files.walkFileTree(root, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                        Files.delete(file);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                        Files.delete(dir);
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException("the temporary store " + root + " could not be deleted", e);
            }
        }
    }
}
