package dev.mlops.core.bundle;

import dev.mlops.api.MlopsException;

/**
 * A bundle file that cannot be loaded: not a bundle, truncated, tampered with, of an unknown format
 * version, holding an unsafe entry or class, too large, or written for other backend versions. The
 * message names the file and the problem. Nothing of the bundle's model has been instantiated when
 * this is thrown for a structural problem.
 *
 * @since 0.1
 */
public class BundleException extends MlopsException {

    private static final long serialVersionUID = 1L;

    /** A problem with {@code source}. */
    public BundleException(String source, String problem) {
        super(source + ": " + problem);
    }

    /** A problem with {@code source}, caused by {@code cause}. */
    public BundleException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
    }
}
