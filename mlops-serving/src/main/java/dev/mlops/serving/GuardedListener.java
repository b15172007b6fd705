package dev.mlops.serving;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls the host's listener, logging the first failure of each kind and otherwise ignoring them. */
final class GuardedListener implements DeploymentListener {

    private static final Logger LOG = LoggerFactory.getLogger(GuardedListener.class);

    private final DeploymentListener delegate;
    private final Set<String> logged = ConcurrentHashMap.newKeySet();

    GuardedListener(DeploymentListener delegate) {
        this.delegate = delegate;
    }

    @Override
    public void swapped(String deployment, int from, int to) {
        guard("swapped", () -> delegate.swapped(deployment, from, to));
    }

    @Override
    public void failed(String deployment, int version, Throwable error) {
        guard("failed", () -> delegate.failed(deployment, version, error));
    }

    @Override
    public void released(String deployment, int version) {
        guard("released", () -> delegate.released(deployment, version));
    }

    @Override
    public void shadowed(String deployment, dev.mlops.api.Features row, dev.mlops.api.Prediction primary,
            dev.mlops.api.Prediction shadow) {
        guard("shadowed", () -> delegate.shadowed(deployment, row, primary, shadow));
    }

    private void guard(String event, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException | LinkageError e) {
            if (logged.add(event + ":" + e.getClass().getName())) {
                LOG.warn("a deployment listener threw on '{}' (logged once, then ignored): {}", event, e.toString());
            }
        }
    }
}
