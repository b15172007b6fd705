package dev.mlops.api.model;

/**
 * Receives {@link ProgressEvent}s, for example to draw a progress bar. Calls may come from several
 * threads at once (parallel tuning trials). The SDK guards every call: a listener that throws is
 * logged once and never breaks the work it watches.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface ProgressListener {

    /** Called for each step. */
    void onProgress(ProgressEvent event);

    /** A listener that ignores everything. */
    static ProgressListener none() {
        return event -> {
        };
    }
}
