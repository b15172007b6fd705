package dev.mlops.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Features;
import dev.mlops.api.Frame;
import dev.mlops.api.Prediction;
import dev.mlops.api.tracking.ModelRegistry;
import dev.mlops.api.tracking.ModelSource;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.core.bundle.ModelBundle;
import dev.mlops.tracking.LocalOptions;
import dev.mlops.tracking.Tracking;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 32 threads predict without pause while the alias is moved 100 times, 20 of them to versions that
 * must never serve (a corrupt file, a model whose inputs differ, a model that throws on warm-up),
 * and 5 of the good ones slow to load. No request fails; every answer is exactly what the version
 * named in it gives for that row; no broken version ever answers, and each is reported once. The
 * latency percentiles before and during the moves are printed, not asserted (timings are machine
 * noise in a unit test; the note reports them).
 */
class HotSwapStressTest {

    private static final int THREADS = 32;
    private static final int MOVES = 100;

    @TempDir
    Path dir;

    @Test
    void movingTheAliasUnderLoadFailsNoRequestAndServesNoBrokenVersion() throws Exception {
        List<ModelBundle> good = List.of(Toy.bundle(1), Toy.bundle(2), Toy.bundle(3), Toy.bundle(4));
        Frame requests = Toy.frame(64, 77).drop("y");
        List<Features> rows = new ArrayList<>();
        for (int i = 0; i < requests.rowCount(); i++) {
            rows.add(requests.row(i));
        }
        double[][] expected = new double[good.size()][rows.size()];
        for (int b = 0; b < good.size(); b++) {
            for (int r = 0; r < rows.size(); r++) {
                expected[b][r] = ((Prediction.Classification) good.get(b).predict(rows.get(r))).probability("hi");
            }
        }
        byte[] slow = Sabotaged.bundle(good.get(1), Sabotaged.Mode.SLOW, 150).toBytes();
        byte[] throwing = Sabotaged.bundle(good.get(2), Sabotaged.Mode.THROWS, 0).toBytes();
        byte[] otherInputs = Toy.bundleWithoutPlan().toBytes();

        try (Tracker tracker = Tracking.local(dir.resolve("store"), LocalOptions.defaults().workingDirectory(null))) {
            ModelRegistry registry = tracker.registry();
            Map<Integer, Integer> bundleOf = new HashMap<>(); // version -> index into good; absent: broken
            Set<Integer> broken = ConcurrentHashMap.newKeySet();
            List<Integer> plan = new ArrayList<>();
            int version = registry.register("m", ModelSource.of(good.get(0).toBytes())).version();
            bundleOf.put(version, 0);
            int slowOnes = 0;
            for (int move = 1; move <= MOVES; move++) {
                ModelSource source;
                int index = move % good.size();
                boolean isBroken = move % 5 == 0;
                if (isBroken) {
                    source = switch ((move / 5) % 3) {
                        case 0 -> ModelSource.opaque(new byte[] {'P', 'K', 3, 4, (byte) move});
                        case 1 -> ModelSource.of(otherInputs);
                        default -> ModelSource.of(throwing);
                    };
                } else if (move % 20 == 1 && slowOnes < 5) {
                    slowOnes++;
                    index = 1;
                    source = ModelSource.of(slow);
                } else {
                    source = ModelSource.of(good.get(index).toBytes());
                }
                version = registry.register("m", source).version();
                plan.add(version);
                if (isBroken) {
                    broken.add(version);
                } else {
                    bundleOf.put(version, index);
                }
            }
            registry.setAlias("m", "live", 1);

            List<String> failedEvents = new ArrayList<>();
            DeploymentListener listener = new DeploymentListener() {
                @Override
                public void failed(String deployment, int number, Throwable error) {
                    synchronized (failedEvents) {
                        failedEvents.add(number + "");
                    }
                }
            };
            try (Deployment deployment = Deployment.of(registry, "m@live").pollEvery(null).listener(listener)
                    .cache(VersionCache.of(3, 1L << 30)).start()) {
                AtomicBoolean stop = new AtomicBoolean();
                AtomicBoolean swapping = new AtomicBoolean();
                AtomicBoolean warm = new AtomicBoolean();
                AtomicLong answered = new AtomicLong();
                Recorder steady = new Recorder(3_600_000_000_000L, 3);
                Recorder duringSwaps = new Recorder(3_600_000_000_000L, 3);
                ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
                Set<Integer> answeredBy = ConcurrentHashMap.newKeySet();
                List<Thread> threads = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int offset = t;
                    Thread thread = new Thread(() -> {
                        int i = offset;
                        while (!stop.get()) {
                            int r = i++ % rows.size();
                            long start = System.nanoTime();
                            try {
                                Prediction p = deployment.predict(rows.get(r));
                                long took = System.nanoTime() - start;
                                if (warm.get()) {
                                    (swapping.get() ? duringSwaps : steady).recordValue(took);
                                }
                                int by = p.origin().orElseThrow().version();
                                answeredBy.add(by);
                                Integer b = bundleOf.get(by);
                                if (b == null) {
                                    problems.add("broken version " + by + " answered");
                                } else if (((Prediction.Classification) p).probability("hi") != expected[b][r]) {
                                    problems.add("version " + by + " answered row " + r + " unlike itself");
                                }
                                answered.incrementAndGet();
                            } catch (RuntimeException e) {
                                problems.add("a request failed: " + e);
                            }
                        }
                    }, "client-" + t);
                    threads.add(thread);
                    thread.start();
                }
                Thread.sleep(1_000); // JIT warm-up, not measured
                warm.set(true);
                Thread.sleep(1_500); // steady state
                swapping.set(true);
                for (int target : plan) {
                    registry.setAlias("m", "live", target);
                    deployment.refresh();
                    Thread.sleep(5);
                }
                swapping.set(false);
                stop.set(true);
                for (Thread thread : threads) {
                    thread.join();
                }

                assertEquals(List.of(), List.copyOf(problems).subList(0, Math.min(5, problems.size())),
                        problems.size() + " problems");
                assertTrue(answered.get() > 10_000, "answered " + answered.get());
                assertEquals(broken.stream().map(String::valueOf).sorted().toList(),
                        failedEvents.stream().sorted().toList(), "each broken version reported once");
                assertTrue(answeredBy.stream().noneMatch(broken::contains));
                int lastGood = plan.stream().filter(v -> !broken.contains(v)).reduce((a, b) -> b).orElseThrow();
                assertEquals(lastGood, deployment.version(), "the alias ended on a broken version: the last good serves");
                var steadyHistogram = steady.getIntervalHistogram();
                var swapHistogram = duringSwaps.getIntervalHistogram();
                System.out.printf("hot swap: %d requests, %d threads, %d moves (%d broken); p99 steady %.1f us,"
                        + " during swaps %.1f us; p50 %.1f / %.1f us%n", answered.get(), THREADS, MOVES,
                        broken.size(), steadyHistogram.getValueAtPercentile(99) / 1e3,
                        swapHistogram.getValueAtPercentile(99) / 1e3, steadyHistogram.getValueAtPercentile(50) / 1e3,
                        swapHistogram.getValueAtPercentile(50) / 1e3);
            }
        }
    }
}
