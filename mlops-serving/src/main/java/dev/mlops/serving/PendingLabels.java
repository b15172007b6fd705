package dev.mlops.serving;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mlops.api.Prediction;
import dev.mlops.api.PredictionId;
import dev.mlops.serving.monitor.LiveMonitor;
import dev.mlops.serving.monitor.MonitorSettings;
import java.util.concurrent.TimeUnit;

/**
 * Answers waiting for their true values: each keyed by its prediction id, with the monitor of the
 * version and role that gave it, and a shadow's answer to the same request when there was one. A
 * label joins them all, each counted by its own monitor. Bounded in number (beyond the bound,
 * Caffeine's size eviction drops waiting answers, chosen by its own policy, not strictly the oldest)
 * and in time (on the monitor's clock). Eviction runs on the thread that adds an answer, so the
 * bound holds at once rather than after a background pass.
 */
final class PendingLabels {

    /** An answer and where it came from; {@code shadow} answered the same request off the callers' threads. */
    private record Answered(LiveMonitor monitor, Prediction answer, Answered shadow) {
        void label(Object actual) {
            monitor.labelled(answer, actual);
            if (shadow != null) {
                shadow.label(actual);
            }
        }
    }

    private final Cache<PredictionId, Answered> pending;

    PendingLabels(MonitorSettings settings) {
        java.time.Clock clock = settings.clock();
        this.pending = Caffeine.newBuilder().maximumSize(settings.pendingLabels())
                .expireAfterWrite(settings.labelExpiry())
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .executor(Runnable::run)
                .build();
    }

    /** Keeps {@code answer}, which {@code monitor}'s version gave, waiting for its label. */
    void answered(LiveMonitor monitor, Prediction answer) {
        if (monitor != null) {
            answer.origin().ifPresent(origin -> pending.put(origin.id(), new Answered(monitor, answer, null)));
        }
    }

    /** Attaches a shadow's answer to the primary's, when the primary's still waits. */
    void shadowed(Prediction primary, LiveMonitor monitor, Prediction shadow) {
        if (monitor != null) {
            primary.origin().ifPresent(origin -> pending.asMap().computeIfPresent(origin.id(),
                    (id, answered) -> new Answered(answered.monitor(), answered.answer(),
                            new Answered(monitor, shadow, null))));
        }
    }

    /**
     * Joins {@code actual} to the answer {@code id} names; false when that answer is not waiting (not
     * given here, expired, dropped, or labelled already).
     */
    boolean label(PredictionId id, Object actual) {
        Answered answered = pending.asMap().remove(id); // taken once: a label delivered twice at once counts once
        if (answered == null) {
            return false;
        }
        try {
            answered.label(actual);
        } catch (RuntimeException wrongKind) {
            pending.asMap().putIfAbsent(id, answered); // refused: the answer keeps waiting for a right one
            throw wrongKind;
        }
        return true;
    }
}
