package dev.mlops.serving;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A deployment's metrics as Micrometer meters, for applications that already export Micrometer
 * (Prometheus, OTLP, ...). Micrometer is an optional dependency of {@code mlops-serving}: add
 * {@code io.micrometer:micrometer-core} to use this class.
 *
 * <p>Per deployment: {@code mlops.deployment.version} (the version serving), {@code
 * mlops.deployment.swaps} and {@code mlops.deployment.load.failures}. Per version and role:
 * {@code mlops.deployment.requests}, {@code mlops.deployment.errors} (tag {@code kind}) and the
 * latency {@code mlops.deployment.latency} (tag {@code quantile}: 0.5, 0.95, 0.99, max; a snapshot at
 * most one second old). Per shadow version: {@code mlops.deployment.shadow.compared}, {@code
 * .agreed}, {@code .dropped} and {@code .timeouts}. Tags are {@code deployment}, {@code version} and
 * {@code role} only, and only the {@code versions} most recently served (and shadows most recently
 * shadowing) keep their meters (older ones are removed), so the number of series stays bounded
 * however often versions change.
 *
 * <pre>{@code
 * DeploymentMeters.of(deployment).bindTo(meterRegistry);
 * }</pre>
 *
 * @since 0.1
 */
public final class DeploymentMeters implements MeterBinder {

    private static final String[] QUANTILES = {"0.5", "0.95", "0.99", "max"};

    private final Deployment deployment;
    private final int versions;
    private final Clock clock;
    private final Map<VersionMetrics, List<Meter>> bound = new LinkedHashMap<>();
    private final Map<Integer, List<Meter>> boundShadows = new LinkedHashMap<>();
    private MeterRegistry registry;

    private DeploymentMeters(Deployment deployment, int versions, Clock clock) {
        this.deployment = deployment;
        this.versions = versions;
        this.clock = clock;
    }

    /** Meters for {@code deployment}, keeping the 4 versions most recently served. */
    public static DeploymentMeters of(Deployment deployment) {
        return of(deployment, 4);
    }

    /**
     * Meters for {@code deployment}, keeping the {@code versions} most recently served.
     *
     * @throws IllegalArgumentException if {@code versions} is below 1
     */
    public static DeploymentMeters of(Deployment deployment, int versions) {
        Objects.requireNonNull(deployment, "deployment");
        if (versions < 1) {
            throw new IllegalArgumentException("keep the meters of at least one version: " + versions);
        }
        return new DeploymentMeters(deployment, versions, Clock.systemUTC());
    }

    @Override
    public synchronized void bindTo(MeterRegistry meterRegistry) {
        if (registry != null) {
            throw new IllegalStateException("these meters are bound already; make another DeploymentMeters for"
                    + " another registry");
        }
        registry = Objects.requireNonNull(meterRegistry, "registry");
        Tags tags = Tags.of("deployment", deployment.name());
        Gauge.builder("mlops.deployment.version", deployment, d -> safeVersion(d)).tags(tags)
                .description("the registry version serving").register(registry);
        FunctionCounter.builder("mlops.deployment.swaps", deployment, d -> d.swaps()).tags(tags)
                .description("changes of the served version").register(registry);
        FunctionCounter.builder("mlops.deployment.load.failures", deployment, d -> d.loadFailures()).tags(tags)
                .description("versions not served because they failed to load, warm or pass their check")
                .register(registry);
        deployment.onChange(this::refresh);
        refresh();
    }

    private static double safeVersion(Deployment deployment) {
        try {
            return deployment.version();
        } catch (IllegalStateException closed) {
            return Double.NaN;
        }
    }

    /** Registers meters for newly served versions and removes those beyond the most recent {@code versions}. */
    private synchronized void refresh() {
        List<VersionMetrics> all = deployment.versionMetrics();
        keep(bound, all.subList(Math.max(0, all.size() - versions), all.size()), this::meters);
        List<Integer> shadows = deployment.shadowStats().stream().map(ShadowStats::version).toList();
        keep(boundShadows, shadows.subList(Math.max(0, shadows.size() - versions), shadows.size()),
                this::shadowMeters);
    }

    /** Removes the meters of what is no longer kept and registers those of what is newly kept. */
    private <K> void keep(Map<K, List<Meter>> bound, List<K> kept, java.util.function.Function<K, List<Meter>> meters) {
        for (K gone : new ArrayList<>(bound.keySet())) {
            if (!kept.contains(gone)) {
                bound.remove(gone).forEach(registry::remove);
            }
        }
        for (K key : kept) {
            bound.computeIfAbsent(key, meters);
        }
    }

    private List<Meter> shadowMeters(int version) {
        Tags tags = Tags.of("deployment", deployment.name(), "version", Integer.toString(version));
        List<Meter> meters = new ArrayList<>();
        meters.add(shadowCounter("compared", "shadow answers compared with the primary's", tags, version,
                ShadowStats::compared));
        meters.add(shadowCounter("agreed", "shadow answers that agreed with the primary's", tags, version,
                ShadowStats::agreed));
        meters.add(shadowCounter("dropped", "requests not shadowed: the shadow's queue was full", tags, version,
                ShadowStats::dropped));
        meters.add(shadowCounter("timeouts", "shadow answers discarded as too late", tags, version,
                ShadowStats::timedOut));
        return meters;
    }

    private Meter shadowCounter(String what, String description, Tags tags, int version,
            java.util.function.ToLongFunction<ShadowStats> figure) {
        return FunctionCounter.builder("mlops.deployment.shadow." + what, deployment,
                d -> d.shadowStats().stream().filter(s -> s.version() == version).mapToLong(figure).sum())
                .tags(tags).description(description).register(registry);
    }

    private List<Meter> meters(VersionMetrics metrics) {
        Tags tags = Tags.of("deployment", deployment.name(), "version", Integer.toString(metrics.version()),
                "role", metrics.role().name().toLowerCase(Locale.ROOT));
        List<Meter> meters = new ArrayList<>();
        meters.add(FunctionCounter.builder("mlops.deployment.requests", metrics, VersionMetrics::requests).tags(tags)
                .description("requests answered or refused").register(registry));
        for (ErrorKind kind : ErrorKind.values()) {
            meters.add(FunctionCounter.builder("mlops.deployment.errors", metrics, m -> m.errors(kind))
                    .tags(tags.and("kind", kind.name().toLowerCase(Locale.ROOT)))
                    .description("requests refused or failed, by kind").register(registry));
        }
        Latest latest = new Latest(metrics, clock);
        for (String quantile : QUANTILES) {
            meters.add(TimeGauge.builder("mlops.deployment.latency", latest, TimeUnit.MICROSECONDS,
                    l -> l.micros(quantile)).tags(tags.and("quantile", quantile))
                    .description("request latency").register(registry));
        }
        return meters;
    }

    /** A version's latency snapshot, taken at most once a second however many gauges read it. */
    private static final class Latest {
        private final VersionMetrics metrics;
        private final Clock clock;
        private VersionStats stats;
        private long takenAt = Long.MIN_VALUE;

        Latest(VersionMetrics metrics, Clock clock) {
            this.metrics = metrics;
            this.clock = clock;
        }

        synchronized double micros(String quantile) {
            long now = clock.millis();
            if (stats == null || now - takenAt >= 1_000) {
                stats = metrics.snapshot(clock);
                takenAt = now;
            }
            return switch (quantile) {
                case "0.5" -> stats.p50Micros();
                case "0.95" -> stats.p95Micros();
                case "0.99" -> stats.p99Micros();
                default -> stats.maxMicros();
            };
        }
    }
}
