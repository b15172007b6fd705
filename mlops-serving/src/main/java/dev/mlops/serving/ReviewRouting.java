package dev.mlops.serving;

import dev.mlops.api.Features;
import dev.mlops.api.Prediction;
import dev.mlops.api.tracking.ReviewItem;
import dev.mlops.api.tracking.ReviewQueue;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends answers given with less confidence than a threshold to a durable {@link ReviewQueue}, off
 * the callers' threads: a request only hands its row and answer to a bounded buffer (dropped and
 * counted when full), and one daemon thread writes them to the queue. An answer is in the queue,
 * surviving a crash, once that write returns.
 */
final class ReviewRouting implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReviewRouting.class);
    private static final int BUFFER = 10_000;

    private record Handed(Features row, Prediction answer, int version) {
    }

    private final ReviewQueue queue;
    private final double below;
    private final String deployment;
    private final String model;
    private final Clock clock;
    private final BlockingQueue<Handed> buffer = new ArrayBlockingQueue<>(BUFFER);
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong queued = new AtomicLong();
    private final Thread writer;
    private volatile boolean closing;

    ReviewRouting(ReviewQueue queue, double below, String deployment, String model, Clock clock) {
        this.queue = queue;
        this.below = below;
        this.deployment = deployment;
        this.model = model;
        this.clock = clock;
        this.writer = new Thread(this::write, "mlops-review-" + deployment);
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** Hands the answer on when its confidence is below the threshold; never blocks. */
    void answered(Features row, Prediction answer) {
        double confidence = answer.confidence();
        if (!(confidence < below) || answer.origin().isEmpty()) {
            return;
        }
        if (!buffer.offer(new Handed(row, answer, answer.origin().get().version()))) {
            dropped.incrementAndGet();
        }
    }

    private void write() {
        while (!closing || !buffer.isEmpty()) {
            Handed next;
            try {
                next = buffer.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (next == null) {
                continue;
            }
            try {
                if (queue.offer(item(next))) {
                    queued.incrementAndGet();
                } else {
                    refused.incrementAndGet(); // full, or queued before
                }
            } catch (RuntimeException e) {
                refused.incrementAndGet();
                LOG.warn("deployment {}: an answer could not be queued for review: {}", deployment, e.toString());
            }
        }
    }

    private ReviewItem item(Handed handed) {
        Map<String, Object> features = new LinkedHashMap<>();
        for (String name : handed.row().names()) {
            Object value = handed.row().get(name);
            features.put(name, value instanceof java.time.Instant instant ? instant.toString() : value);
        }
        Object prediction = handed.answer() instanceof Prediction.Classification c ? c.label()
                : ((Prediction.Regression) handed.answer()).value();
        return new ReviewItem(handed.answer().origin().orElseThrow().id().toString(), deployment, model,
                handed.version(), features, prediction, handed.answer().confidence(), clock.instant());
    }

    /** Answers written to the queue, refused by it (full, or queued before), and dropped before it (buffer full). */
    long[] counts() {
        return new long[] {queued.get(), refused.get(), dropped.get()};
    }

    /** Writes what the buffer holds (for at most five seconds), then stops. */
    @Override
    public void close() {
        closing = true;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
