package dev.mlops.api.pipeline;

import dev.mlops.api.tracking.ModelVersion;

/**
 * A pipeline's last stage: puts the version it just registered (and pointed its alias at) into
 * service. {@code mlops-serving} provides one that makes a running deployment of the alias take the
 * new version at once, instead of at its next poll.
 *
 * @since 0.1
 */
public interface Deployer {

    /**
     * Serves {@code version}.
     *
     * @return what now serves it, in a sentence, for the run's record
     * @throws IllegalStateException if it cannot be served (the version stays registered; the
     *         pipeline reports the failure as the DEPLOY stage's)
     */
    String deploy(ModelVersion version);
}
