package dev.mlops.core.train;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.InvalidInputException;
import dev.mlops.api.InvalidInputException.Problem;
import dev.mlops.api.model.FittedModel;
import dev.mlops.api.model.ProgressListener;
import dev.mlops.api.model.Signature;
import dev.mlops.api.model.Trainer;
import dev.mlops.core.bundle.BundleMetadata;
import dev.mlops.core.bundle.ModelBundle;
import dev.mlops.core.prep.FittedChain;
import dev.mlops.core.prep.Prep;
import dev.mlops.core.profile.DataProfile;
import dev.mlops.core.train.internal.Backends;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Trains a {@link ModelBundle} from a raw frame: the target is set aside, the features go through
 * the preparation chain (fitted on the features only, so the target can never leak into it or be
 * required at prediction time), the trainer fits the prepared frame, and the bundle records the
 * signature, the chain, the training profile and the metadata.
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

    /** Fits {@code steps} on the features of {@code train}, then trains. */
    public ModelBundle fit(Frame train, String target, Prep.StepChain steps) {
        requireTarget(train, target);
        return fit(train, target, steps.fit(train.drop(target)));
    }

    /**
     * Trains on {@code train} prepared by {@code chain}, which was fitted on features without the
     * target.
     *
     * @throws InvalidInputException if the target is absent or the prepared frame cannot train the
     *         algorithm, listing every problem
     */
    public ModelBundle fit(Frame train, String target, FittedChain chain) {
        requireTarget(train, target);
        Frame features = train.drop(target);
        Frame preparedFeatures = chain.transform(features);
        if (preparedFeatures.schema().contains(target)) {
            throw new InvalidInputException("preparation", List.of(new Problem(target,
                    "is produced by the preparation chain but is the target's name")));
        }
        Frame prepared = preparedFeatures.withColumn(train.column(target));
        FittedModel model = trainer.fit(prepared, target, listener);
        Signature signature = new Signature(features.schema(), categories(features), target, trainer.task(),
                model.labels());
        Column targetColumn = train.column(target);
        DataProfile profile = targetColumn.type() == FieldType.NUMERIC || targetColumn.type() == FieldType.CATEGORICAL
                ? DataProfile.of(train, target) : DataProfile.of(train);
        BundleMetadata metadata = new BundleMetadata(trainer.algorithm(), trainer.hyperparameters(), trainer.seed(),
                Map.of(), train.fingerprint().sha256(), train.rowCount(), Backends.sdkVersion(),
                model.backendVersions(), clock.instant());
        return ModelBundle.of(signature, chain, model, profile, metadata);
    }

    private static void requireTarget(Frame train, String target) {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(target, "target");
        if (!train.schema().contains(target)) {
            throw new InvalidInputException("training frame", List.of(new Problem(target,
                    "is not a column; columns are " + train.schema().names())));
        }
    }

    /** The categories each categorical input actually holds in training, sorted. */
    private static Map<String, List<String>> categories(Frame features) {
        Map<String, List<String>> categories = new LinkedHashMap<>();
        for (Column column : features.columns()) {
            if (column instanceof CategoricalColumn labels) {
                TreeSet<String> seen = new TreeSet<>();
                for (int row = 0; row < labels.size(); row++) {
                    if (!labels.isMissing(row)) {
                        seen.add(labels.value(row));
                    }
                }
                categories.put(column.name(), List.copyOf(seen));
            }
        }
        return categories;
    }
}
