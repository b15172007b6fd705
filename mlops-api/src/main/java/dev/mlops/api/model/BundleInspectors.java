package dev.mlops.api.model;

import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds the {@link BundleInspector}: the one {@link #register registered} in this JVM, else the
 * first listed in {@code META-INF/services/dev.mlops.api.model.BundleInspector} on the context or
 * this class's class loader.
 *
 * @since 0.1
 */
public final class BundleInspectors {

    private static volatile BundleInspector registered;

    private BundleInspectors() {
    }

    /** Makes {@code inspector} the one stores use in this JVM. */
    public static void register(BundleInspector inspector) {
        registered = Objects.requireNonNull(inspector, "inspector");
    }

    /**
     * The inspector stores use.
     *
     * @throws IllegalStateException when none is registered or on the class path, saying how to add one
     */
    public static BundleInspector get() {
        BundleInspector inspector = registered;
        if (inspector != null) {
            return inspector;
        }
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        inspector = context == null ? null : first(ServiceLoader.load(BundleInspector.class, context));
        inspector = inspector != null ? inspector
                : first(ServiceLoader.load(BundleInspector.class, BundleInspectors.class.getClassLoader()));
        if (inspector == null) {
            throw new IllegalStateException("registering a model bundle checks it with a BundleInspector, and none"
                    + " is on the class path: add dev.mlops:mlops-core, or register artifacts that are not bundles"
                    + " with ModelSource.opaque(bytes)");
        }
        return inspector;
    }

    private static BundleInspector first(ServiceLoader<BundleInspector> loader) {
        try {
            return loader.findFirst().orElse(null);
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("a BundleInspector listed in META-INF/services cannot be loaded: "
                    + e.getMessage(), e);
        }
    }
}
