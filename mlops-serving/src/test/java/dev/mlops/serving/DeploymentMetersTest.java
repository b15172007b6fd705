package dev.mlops.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Features;
import dev.mlops.api.InvalidInputException;
import dev.mlops.api.tracking.ModelRegistry;
import dev.mlops.api.tracking.ModelSource;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.core.bundle.ModelBundle;
import dev.mlops.tracking.LocalOptions;
import dev.mlops.tracking.Tracking;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeploymentMetersTest {

    @TempDir
    Path dir;

    private static Features row() {
        return Features.of("x", 0.3, "z", 4, "city", "lima", "plan", "basic", "flag", false);
    }

    @Test
    void requestsErrorsAndLatencyAppearPerVersionAndOldVersionsLeave() throws InterruptedException {
        ModelBundle bundle = Toy.bundle();
        try (Tracker tracker = Tracking.local(dir, LocalOptions.defaults().workingDirectory(null))) {
            ModelRegistry registry = tracker.registry();
            for (int i = 0; i < 4; i++) {
                registry.register("toy", ModelSource.of(bundle.toBytes()));
            }
            registry.setAlias("toy", "live", 1);
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            try (Deployment deployment = Deployment.of(registry, "toy@live").pollEvery(null).start()) {
                DeploymentMeters.of(deployment, 2).bindTo(meters);
                for (int i = 0; i < 7; i++) {
                    deployment.predict(row());
                }
                assertThrows(InvalidInputException.class, () -> deployment.predict(Features.of("x", 1)));
                assertEquals(8.0, meters.get("mlops.deployment.requests").tag("version", "1").functionCounter().count());
                assertEquals(1.0, meters.get("mlops.deployment.errors").tag("version", "1").tag("kind", "invalid_input")
                        .functionCounter().count());
                double p50 = meters.get("mlops.deployment.latency").tag("version", "1").tag("quantile", "0.5")
                        .timeGauge().value(TimeUnit.MICROSECONDS);
                assertTrue(p50 > 0, "p50 " + p50);
                assertEquals(1.0, meters.get("mlops.deployment.version").gauge().value());

                for (int version = 2; version <= 4; version++) {
                    registry.setAlias("toy", "live", version);
                    deployment.refresh();
                    deployment.predict(row());
                }
                assertEquals(4.0, meters.get("mlops.deployment.version").gauge().value());
                assertEquals(4.0, meters.get("mlops.deployment.swaps").functionCounter().count());
                assertNull(meters.find("mlops.deployment.requests").tag("version", "1").functionCounter(),
                        "only the 2 most recent versions keep their meters");
                assertNull(meters.find("mlops.deployment.requests").tag("version", "2").functionCounter());
                assertEquals(1.0, meters.get("mlops.deployment.requests").tag("version", "4").functionCounter().count());
                // bounded: per kept version 1 + 4 + 4 meters, plus 3 for the deployment
                assertEquals(2 * 9 + 3, meters.getMeters().size());

                deployment.shadow(3, 10_000); // a change of traffic, not of version: its meters appear at once
                for (int i = 0; i < 20; i++) {
                    deployment.predict(row());
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (meters.get("mlops.deployment.shadow.compared").tag("version", "3").functionCounter().count() < 20
                        && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                assertEquals(20.0, meters.get("mlops.deployment.shadow.compared").tag("version", "3")
                        .functionCounter().count());
                assertEquals(20.0, meters.get("mlops.deployment.requests").tag("version", "3").tag("role", "shadow")
                        .functionCounter().count());
                assertEquals(0.0, meters.get("mlops.deployment.shadow.dropped").tag("version", "3")
                        .functionCounter().count());
            }
        }
    }

    @Test
    void aPrometheusScrapeShowsTheSeries() {
        ModelBundle bundle = Toy.bundle();
        try (Tracker tracker = Tracking.local(dir, LocalOptions.defaults().workingDirectory(null))) {
            tracker.registry().register("toy", ModelSource.of(bundle.toBytes()));
            tracker.registry().setAlias("toy", "live", 1);
            PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            try (Deployment deployment = Deployment.of(tracker.registry(), "toy@live").name("toy").pollEvery(null)
                    .start()) {
                DeploymentMeters bound = DeploymentMeters.of(deployment);
                bound.bindTo(prometheus);
                assertThrows(IllegalStateException.class, () -> bound.bindTo(new SimpleMeterRegistry()));
                for (int i = 0; i < 5; i++) {
                    deployment.predict(row());
                }
                String scrape = prometheus.scrape();
                assertTrue(scrape.contains("mlops_deployment_requests_total{deployment=\"toy\",role=\"primary\","
                        + "version=\"1\"} 5"), scrape);
                assertTrue(scrape.contains("mlops_deployment_version{deployment=\"toy\"} 1"), scrape);
                assertTrue(scrape.contains("mlops_deployment_latency_seconds{deployment=\"toy\",quantile=\"0.99\","
                        + "role=\"primary\",version=\"1\"}"), scrape);
            }
        }
    }
}
