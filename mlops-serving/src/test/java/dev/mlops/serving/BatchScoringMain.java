package dev.mlops.serving;

import java.nio.file.Path;

/** Scores a file in a JVM of its own, so a test can give it a small heap: bundle, input, output. */
public final class BatchScoringMain {

    private BatchScoringMain() {
    }

    public static void main(String[] args) {
        BatchResult result = BatchScoring.of(Serving.predictor(Path.of(args[0])))
                .score(Path.of(args[1]), Path.of(args[2]));
        System.out.println("scored " + result.scored() + " rows in " + result.took().toMillis() + " ms ("
                + Math.round(result.rowsPerSecond()) + " rows/s), max heap " + Runtime.getRuntime().maxMemory()
                / (1024 * 1024) + " MiB");
    }
}
