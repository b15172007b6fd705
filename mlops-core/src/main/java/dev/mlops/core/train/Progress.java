package dev.mlops.core.train;

import dev.mlops.api.model.ProgressListener;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Listener helpers: the guard every SDK call puts around a user's listener. */
public final class Progress {

    private static final Logger LOG = LoggerFactory.getLogger(Progress.class);

    private Progress() {
    }

    /**
     * {@code listener} wrapped so that an exception it throws is logged (once per wrapper) and
     * swallowed: progress reporting must never break the work it reports on. Null means none.
     */
    public static ProgressListener guard(ProgressListener listener) {
        if (listener == null) {
            return ProgressListener.none();
        }
        if (listener instanceof Guarded) {
            return listener;
        }
        return new Guarded(listener);
    }

    private static final class Guarded implements ProgressListener {
        private final ProgressListener delegate;
        private final AtomicBoolean warned = new AtomicBoolean();

        Guarded(ProgressListener delegate) {
            this.delegate = delegate;
        }

        @Override
        public void onProgress(dev.mlops.api.model.ProgressEvent event) {
            try {
                delegate.onProgress(event);
            } catch (RuntimeException | LinkageError | AssertionError e) {
                if (warned.compareAndSet(false, true)) {
                    LOG.warn("progress listener {} threw on {}; its later failures are ignored silently",
                            delegate, event, e);
                }
            }
        }
    }
}
