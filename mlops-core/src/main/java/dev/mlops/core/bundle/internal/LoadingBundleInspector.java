package dev.mlops.core.bundle.internal;

import dev.mlops.api.InvalidInputException;
import dev.mlops.api.model.BundleInspector;
import dev.mlops.api.model.Signature;
import dev.mlops.core.bundle.BundleException;
import dev.mlops.core.bundle.ModelBundle;
import java.util.List;
import java.util.Objects;

/**
 * Inspects a bundle by loading it, model included: a registered bundle that would fail to load at
 * serving time is refused while the person registering it is still there. Listed in
 * {@code META-INF/services}; not part of the public API.
 */
public final class LoadingBundleInspector implements BundleInspector {

    /** Called by {@link java.util.ServiceLoader}. */
    public LoadingBundleInspector() {
    }

    @Override
    public Signature inspect(byte[] artifact, String source) {
        Objects.requireNonNull(artifact, "artifact");
        try {
            return ModelBundle.fromBytes(artifact, "artifact").signature();
        } catch (BundleException e) {
            throw new InvalidInputException(source, List.of(new InvalidInputException.Problem("artifact",
                    "is not a model bundle that loads here (" + e.getMessage() + "); register other bytes with"
                            + " ModelSource.opaque(bytes)")));
        }
    }
}
