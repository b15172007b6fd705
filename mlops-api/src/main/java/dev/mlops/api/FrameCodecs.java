package dev.mlops.api;

import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The {@link FrameCodec} a store uses: the one {@link #register registered} last, else the first
 * that {@link ServiceLoader} finds (through the thread's context class loader, then this class's).
 *
 * @since 0.1
 */
public final class FrameCodecs {

    private static volatile FrameCodec registered;

    private FrameCodecs() {
    }

    /** Makes {@code codec} the one stores use in this JVM. */
    public static void register(FrameCodec codec) {
        registered = Objects.requireNonNull(codec, "codec");
    }

    /**
     * The codec stores use.
     *
     * @throws IllegalStateException when none is registered or on the class path, saying how to add one
     */
    public static FrameCodec get() {
        FrameCodec codec = registered;
        if (codec != null) {
            return codec;
        }
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        codec = context == null ? null : first(ServiceLoader.load(FrameCodec.class, context));
        codec = codec != null ? codec : first(ServiceLoader.load(FrameCodec.class, FrameCodecs.class.getClassLoader()));
        if (codec == null) {
            throw new IllegalStateException("storing frames needs a FrameCodec, and none is on the class path: add"
                    + " dev.mlops:mlops-core (its CSV codec), or register one with FrameCodecs.register(codec)");
        }
        return codec;
    }

    private static FrameCodec first(ServiceLoader<FrameCodec> loader) {
        try {
            return loader.findFirst().orElse(null);
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("a FrameCodec listed in META-INF/services cannot be loaded: "
                    + e.getMessage(), e);
        }
    }
}
