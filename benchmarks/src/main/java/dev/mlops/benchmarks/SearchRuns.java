package dev.mlops.benchmarks;

import dev.mlops.api.tracking.Experiment;
import dev.mlops.api.tracking.Run;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The runs every search benchmark looks through, the same in each store: finished runs with two
 * params ({@code learningRate}, {@code depth}) and two metrics ({@code accuracy} in 0.70..0.90,
 * {@code loss}), from a fixed seed.
 */
final class SearchRuns {

    static final int RUNS = 10_000;

    private SearchRuns() {
    }

    /** Logs {@link #RUNS} runs into the experiment and prints how long it took. */
    static void log(Experiment target) {
        long began = System.nanoTime();
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < RUNS; i++) {
            try (Run run = target.start("run-" + i)) {
                run.logParams(Map.of("learningRate", Double.toString(random.nextDouble(0.001, 0.3)),
                        "depth", Integer.toString(random.nextInt(2, 12))));
                run.logMetric("accuracy", random.nextDouble(0.70, 0.90), 0);
                run.logMetric("loss", random.nextDouble(0.2, 0.6), 0);
            }
        }
        System.out.printf("%nfilled %,d runs in %.1f s%n", RUNS, (System.nanoTime() - began) / 1e9);
    }
}
