package dev.mlops.core.pipeline;

import dev.mlops.api.Frame;
import dev.mlops.api.InvalidInputException;
import dev.mlops.api.model.ProgressListener;
import dev.mlops.api.model.Trainer;
import dev.mlops.core.bundle.ModelBundle;
import dev.mlops.core.prep.FittedChain;
import dev.mlops.core.prep.Prep;
import dev.mlops.core.train.PreparedModel;
import dev.mlops.core.train.Progress;
import java.time.Clock;
import java.util.Objects;

/**
 * Trains a {@link ModelBundle} from a raw frame: the target is set aside, the features go through
 * the preparation chain (fitted on the features only, so the target can never leak into it or be
 * required at prediction time), the trainer fits the prepared frame ({@link PreparedModel#fit}),
 * and the bundle adds the training profile and the metadata, the frame's fingerprint included.
 * Cross-validation and tuning fit {@link PreparedModel}s and pay for a profile and a fingerprint
 * only once, for the final bundle.
 *
 * <pre>{@code
 * ModelBundle bundle = Training.with(Algorithms.tribuo().logisticRegression())
 *         .listener(ConsoleProgress.toStandardOutput())
 *         .fit(train, "Salary", Prep.chain(Prep.impute(Impute.MOST_FREQUENT), Prep.standardize(), Prep.oneHot(Unseen.IGNORE)));
 * }</pre>
 *
 * @since 0.1
 */
public final class Training {

    private final Trainer trainer;
    private final ProgressListener listener;
    private final Clock clock;

    private Training(Trainer trainer, ProgressListener listener, Clock clock) {
        this.trainer = Objects.requireNonNull(trainer, "trainer");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Training with {@code trainer}, no progress listener and the system clock. */
    public static Training with(Trainer trainer) {
        return new Training(trainer, ProgressListener.none(), Clock.systemUTC());
    }

    /** This training reporting progress to {@code newListener}. */
    public Training listener(ProgressListener newListener) {
        return new Training(trainer, Progress.guard(newListener), clock);
    }

    /** This training stamping bundles with {@code newClock}'s time. */
    public Training clock(Clock newClock) {
        return new Training(trainer, listener, newClock);
    }

    /** The trainer. */
    public Trainer trainer() {
        return trainer;
    }

    /**
     * Fits {@code steps} on the features of {@code train}, then trains.
     *
     * @throws InvalidInputException if the target is absent or the prepared frame cannot train the
     *         algorithm, listing every problem
     */
    public ModelBundle fit(Frame train, String target, Prep.StepChain steps) {
        return bundle(PreparedModel.fit(trainer, train, target, steps, listener), train, target);
    }

    /**
     * Trains on {@code train} prepared by {@code chain}, which was fitted on features without the
     * target.
     *
     * @throws InvalidInputException if the target is absent or the prepared frame cannot train the
     *         algorithm, listing every problem
     */
    public ModelBundle fit(Frame train, String target, FittedChain chain) {
        return bundle(PreparedModel.fit(trainer, train, target, chain, listener), train, target);
    }

    private ModelBundle bundle(PreparedModel prepared, Frame train, String target) {
        return ModelBundle.trained(prepared, trainer, train, target, clock.instant());
    }
}
