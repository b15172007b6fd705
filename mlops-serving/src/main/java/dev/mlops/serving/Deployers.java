package dev.mlops.serving;

import dev.mlops.api.pipeline.Deployer;
import dev.mlops.api.tracking.ModelVersion;
import java.util.Objects;

/**
 * A pipeline's DEPLOY stage for deployments of this module.
 *
 * <pre>{@code
 * Pipeline.from(source)...register(registry, "income", "champion")
 *         .deploy(Deployers.refreshing(incomeDeployment))   // serves the new version before run() returns
 *         .run();
 * }</pre>
 *
 * @since 0.1
 */
public final class Deployers {

    private Deployers() {
    }

    /**
     * Makes {@code deployment}, which follows the alias the pipeline moves, look it up now
     * ({@link Deployment#refresh()}) and serve the new version: loaded, warmed and checked as on any
     * swap. If the deployment refuses the version, it keeps serving the one it served, the stage
     * fails, and the pipeline moves the alias back.
     */
    public static Deployer refreshing(Deployment deployment) {
        Objects.requireNonNull(deployment, "deployment");
        return new Deployer() {
            @Override
            public String deploy(ModelVersion version) {
                if (!deployment.reference().startsWith(version.model() + "@")) {
                    throw new IllegalStateException("deployment " + deployment.name() + " follows "
                            + deployment.reference() + ", not a version of " + version.model());
                }
                int serving = deployment.refresh();
                if (serving != version.version()) {
                    throw new IllegalStateException("deployment " + deployment.name() + " still serves version "
                            + serving + ": it did not take version " + version.version() + " (it failed to load, warm"
                            + " up or pass its check, or " + deployment.reference() + " names another version; its"
                            + " listener was told why)");
                }
                return "deployment " + deployment.name() + " serves version " + serving;
            }

            @Override
            public String toString() {
                return "refresh " + deployment.name();
            }
        };
    }
}
