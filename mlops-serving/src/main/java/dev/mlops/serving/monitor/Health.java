package dev.mlops.serving.monitor;

import java.util.Locale;

/**
 * How a version answered in one window, from every request routed to it, failed ones included
 * (a deployment reports each outcome; a monitor fed only answers has no health).
 *
 * @param requests   the requests routed to it in the window
 * @param errorRate  the share that failed, other than by the caller's invalid input
 * @param p99Micros  the 99th percentile of their latency, in microseconds
 * @since 0.1
 */
public record Health(long requests, double errorRate, double p99Micros) {

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%,d requests, %.2f%% failed, p99 %.1f us", requests, 100 * errorRate,
                p99Micros);
    }
}
