package dev.mlops.serving.monitor;

/**
 * Hears a monitor: each closed window's report and each alarm raised or cleared. Called on the
 * thread that works out windows, never on a request's. A listener that throws is logged once per
 * kind of failure and otherwise ignored: it cannot break serving or monitoring.
 *
 * @since 0.1
 */
public interface MonitorListener {

    /** A listener that does nothing. */
    MonitorListener NONE = new MonitorListener() {
    };

    /** A window closed; its report. */
    default void window(WindowReport report) {
    }

    /** An alarm was raised. */
    default void raised(Alarm alarm) {
    }

    /** An alarm cleared: its subject stayed inside its threshold for the windows the settings ask. */
    default void cleared(Alarm alarm) {
    }
}
