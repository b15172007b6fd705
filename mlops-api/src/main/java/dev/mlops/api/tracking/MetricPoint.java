package dev.mlops.api.tracking;

import java.time.Instant;
import java.util.Objects;

/**
 * One logged value of a metric.
 *
 * @param name      the metric's name
 * @param value     the value; NaN and infinities are kept as logged
 * @param step      the caller's step (epoch, iteration); 0 when not given
 * @param timestamp when it was logged, to the millisecond
 * @since 0.1
 */
public record MetricPoint(String name, double value, long step, Instant timestamp) {
    public MetricPoint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(timestamp, "timestamp");
    }
}
