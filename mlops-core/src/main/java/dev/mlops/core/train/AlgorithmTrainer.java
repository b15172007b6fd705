package dev.mlops.core.train;

import dev.mlops.api.Frame;
import dev.mlops.api.model.FittedModel;
import dev.mlops.api.model.ProgressEvent;
import dev.mlops.api.model.ProgressListener;
import dev.mlops.api.model.Task;
import dev.mlops.api.model.Trainer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link Trainer} whose hyperparameters are typed {@link Option}s with documented defaults. Each
 * algorithm subclass adds typed setters ({@code epochs(20)}); {@link #with(Map)} is the map form
 * that tuning uses. Instances are immutable: every setter returns a new trainer.
 *
 * @param <S> the subclass, so that setters return it
 * @since 0.1
 */
public abstract class AlgorithmTrainer<S extends AlgorithmTrainer<S>> implements Trainer,
        dev.mlops.api.pipeline.Reproducible {

    /** The default seed of every algorithm. */
    public static final long DEFAULT_SEED = 42L;

    private final String algorithm;
    private final Task task;
    private final List<Option<?>> options;
    private final Map<String, Object> values;
    private final long seed;

    /**
     * @param algorithm the identifier, such as {@code tribuo.logistic-regression}
     * @param task      what it predicts
     * @param options   every hyperparameter it has
     * @param values    the values set so far, by option name (missing ones take their default)
     * @param seed      the seed of every random choice
     * @throws IllegalArgumentException if {@code values} names an option not in {@code options}, or holds a
     *         value of the wrong type or outside its option's range
     */
    protected AlgorithmTrainer(String algorithm, Task task, List<Option<?>> options, Map<String, Object> values,
            long seed) {
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        this.task = Objects.requireNonNull(task, "task");
        this.options = List.copyOf(options);
        Map<String, Object> complete = new LinkedHashMap<>();
        for (Option<?> option : this.options) {
            complete.put(option.name(), values.containsKey(option.name())
                    ? option.convert(values.get(option.name())) : option.defaultValue());
        }
        for (String name : values.keySet()) {
            if (!complete.containsKey(name)) {
                throw unknown(name);
            }
        }
        this.values = Collections.unmodifiableMap(complete);
        this.seed = seed;
    }

    /** A trainer of the same algorithm with these values and seed. */
    protected abstract S copy(Map<String, Object> newValues, long newSeed);

    /**
     * Fits the model on a frame that {@link #check} accepted.
     *
     * @param listener guarded already; report finer steps through it if the backend has them
     */
    protected abstract FittedModel train(Frame prepared, String target, ProgressListener listener);

    /**
     * Checks that the frame can train this algorithm, before any work.
     *
     * @throws dev.mlops.api.InvalidInputException listing every problem
     */
    protected abstract void check(Frame prepared, String target);

    @Override
    public final String algorithm() {
        return algorithm;
    }

    @Override
    public final Task task() {
        return task;
    }

    @Override
    public final long seed() {
        return seed;
    }

    /** Every hyperparameter it has, with defaults and ranges. */
    public final List<Option<?>> options() {
        return options;
    }

    /**
     * The value of {@code option}.
     *
     * @throws IllegalArgumentException if {@code option} is not one of this trainer's {@link #options()}
     */
    public final <V> V get(Option<V> option) {
        Object value = values.get(option.name());
        if (value == null || !options.contains(option)) {
            throw unknown(option.name());
        }
        return option.type().cast(value);
    }

    /**
     * This trainer with {@code option} set to {@code value}.
     *
     * @throws IllegalArgumentException if this trainer has no option of that name, or the value is outside
     *         the option's range
     */
    public final <V> S with(Option<V> option, V value) {
        return with(option.name(), value);
    }

    /**
     * This trainer with the option named {@code name} set; the value is converted and checked.
     *
     * @throws IllegalArgumentException for an unknown name or a value of the wrong type or range (for
     *         {@code seed}, not a whole number)
     */
    public final S with(String name, Object value) {
        return with(Map.of(name, value));
    }

    /**
     * This trainer with several options set by name, the map form that tuning uses. The key
     * {@code seed} sets the seed.
     *
     * @throws IllegalArgumentException for an unknown name or a value of the wrong type or range
     */
    public final S with(Map<String, ?> newValues) {
        Map<String, Object> merged = new LinkedHashMap<>(values);
        long newSeed = seed;
        for (Map.Entry<String, ?> entry : newValues.entrySet()) {
            if (entry.getKey().equals("seed")) {
                newSeed = seedOf(entry.getValue());
            } else {
                merged.put(entry.getKey(), entry.getValue());
                if (options.stream().noneMatch(o -> o.name().equals(entry.getKey()))) {
                    throw unknown(entry.getKey());
                }
            }
        }
        return copy(merged, newSeed);
    }

    /** This trainer with another seed. */
    public final S seed(long newSeed) {
        return copy(values, newSeed);
    }

    @Override
    public final Map<String, String> hyperparameters() {
        Map<String, String> text = new LinkedHashMap<>();
        for (Option<?> option : options) {
            text.put(option.name(), option.text(values.get(option.name())));
        }
        return Collections.unmodifiableMap(text);
    }

    @Override
    public final FittedModel fit(Frame prepared, String target, ProgressListener listener) {
        Objects.requireNonNull(prepared, "prepared frame");
        Objects.requireNonNull(target, "target");
        ProgressListener guarded = Progress.guard(listener);
        check(prepared, target);
        guarded.onProgress(new ProgressEvent(ProgressEvent.Stage.TRAINING, algorithm, 0, 1, ""));
        FittedModel model = train(prepared, target, guarded);
        guarded.onProgress(new ProgressEvent(ProgressEvent.Stage.TRAINING, algorithm, 1, 1, ""));
        return model;
    }

    /** {@code trainer[algorithm, hyperparameters as text, seed]}; {@link Algorithms#named} builds it again. */
    @Override
    public dev.mlops.api.pipeline.Recipe recipe() {
        return dev.mlops.api.pipeline.Recipe.of("trainer", algorithm, hyperparameters(), seed);
    }

    @Override
    public String toString() {
        return algorithm + hyperparameters() + " seed=" + seed;
    }

    private IllegalArgumentException unknown(String name) {
        return new IllegalArgumentException(algorithm + " has no hyperparameter '" + name + "'; it has "
                + options.stream().map(Option::name).toList() + " and seed");
    }

    private long seedOf(Object value) {
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        if (value instanceof String text) {
            try {
                return Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new IllegalArgumentException("seed = " + value + " must be a whole number");
    }
}
