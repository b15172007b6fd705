package dev.mlops.serving;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What one retraining decided, and why.
 *
 * @param decision   what happened
 * @param trigger    what started it (an alarm, the schedule, reviewed labels, a call)
 * @param reason     a readable sentence: the failed gates, the error, the version promoted
 * @param challenger the candidate's metrics on the holdout; empty when none was made
 * @param champion   the champion's metrics on the same holdout; empty when not scored
 * @param version    the version registered and promoted; 0 otherwise
 * @param at         when it ended
 * @param runId      the tracked run recording it; null when not tracked
 * @since 0.1
 */
public record RetrainingOutcome(Decision decision, String trigger, String reason, Map<String, Double> challenger,
        Map<String, Double> champion, int version, Instant at, String runId) {

    /** What a retraining decided. */
    public enum Decision {
        /** The candidate passed every gate: registered, the alias moved, the deployment swapped. */
        PROMOTED,
        /** The candidate failed a gate: nothing registered, the champion serves on. */
        REFUSED,
        /** No candidate could be made or judged (the step or the store threw): the champion serves on. */
        FAILED,
        /** Another retraining was running: this trigger did nothing. */
        BUSY,
        /** The last retraining ended within the cooldown: this trigger did nothing. */
        COOLING_DOWN
    }

    /** Copies the maps. */
    public RetrainingOutcome {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(reason, "reason");
        challenger = Map.copyOf(challenger);
        champion = Map.copyOf(champion);
        Objects.requireNonNull(at, "at");
    }

    @Override
    public String toString() {
        return decision + " (" + trigger + "): " + reason;
    }
}
