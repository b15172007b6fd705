package dev.mlops.api.model;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link ModelFormat}s this JVM can read, by name: those registered with {@link #register},
 * then those {@link ServiceLoader} finds (through the thread's context class loader and this
 * class's own). An explicit registration takes precedence over a discovered format of the same
 * name, so a test or a JShell session can stand in its own.
 *
 * @since 0.1
 */
public final class ModelFormats {

    private static final Map<String, ModelFormat> REGISTERED = new ConcurrentHashMap<>();

    private ModelFormats() {
    }

    /**
     * Makes {@code format} readable in this JVM under its {@link ModelFormat#name()}, replacing an
     * earlier registration of that name.
     *
     * @throws IllegalArgumentException if its name is null or blank
     */
    public static void register(ModelFormat format) {
        Objects.requireNonNull(format, "format");
        String name = format.name();
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(format.getClass().getName() + " has no name");
        }
        REGISTERED.put(name, format);
    }

    /** The format called {@code name}, or empty when none is registered or discovered. */
    public static Optional<ModelFormat> find(String name) {
        ModelFormat registered = REGISTERED.get(name);
        return registered != null ? Optional.of(registered) : Optional.ofNullable(discovered().get(name));
    }

    /** The names of every format that {@link #find} can return, sorted. */
    public static Set<String> names() {
        Set<String> names = new TreeSet<>(REGISTERED.keySet());
        names.addAll(discovered().keySet());
        return names;
    }

    /** Discovered anew on each call, so formats on a class loader created later are found too. */
    private static Map<String, ModelFormat> discovered() {
        Map<String, ModelFormat> found = new TreeMap<>();
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null) {
            load(ServiceLoader.load(ModelFormat.class, context), found);
        }
        load(ServiceLoader.load(ModelFormat.class, ModelFormats.class.getClassLoader()), found);
        return found;
    }

    private static void load(ServiceLoader<ModelFormat> loader, Map<String, ModelFormat> found) {
        try {
            for (ModelFormat format : loader) {
                found.putIfAbsent(format.name(), format);
            }
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("a ModelFormat listed in META-INF/services cannot be loaded: "
                    + e.getMessage(), e);
        }
    }
}
