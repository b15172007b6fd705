package dev.mlops.core.tune;

import dev.mlops.core.train.Option;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The hyperparameters to search, each typed by its trainer's {@link Option}: a list of values
 * (searched exhaustively by grid search, drawn uniformly by random search), or for random search a
 * range (uniform, log-uniform or whole numbers). Immutable.
 *
 * <pre>{@code
 * SearchSpace.of()
 *     .values(TribuoXGBoost.MAX_DEPTH, 3, 4, 6)
 *     .logUniform(TribuoXGBoost.ETA, 0.02, 0.3)
 *     .integers(TribuoXGBoost.TREES, 100, 500)
 * }</pre>
 *
 * @since 0.1
 */
public final class SearchSpace {

    /** One searched hyperparameter. */
    sealed interface Dimension permits Values, Uniform, LogUniform, Integers {
        String name();

        Object draw(SplittableRandom random);
    }

    record Values(String name, List<Object> values) implements Dimension {
        @Override
        public Object draw(SplittableRandom random) {
            return values.get(random.nextInt(values.size()));
        }
    }

    record Uniform(String name, double low, double high) implements Dimension {
        @Override
        public Object draw(SplittableRandom random) {
            return low + random.nextDouble() * (high - low);
        }
    }

    record LogUniform(String name, double low, double high) implements Dimension {
        @Override
        public Object draw(SplittableRandom random) {
            return Math.exp(Math.log(low) + random.nextDouble() * (Math.log(high) - Math.log(low)));
        }
    }

    record Integers(String name, int low, int high) implements Dimension {
        @Override
        public Object draw(SplittableRandom random) {
            return low + random.nextInt(high - low + 1);
        }
    }

    private final Map<String, Dimension> dimensions;

    private SearchSpace(Map<String, Dimension> dimensions) {
        this.dimensions = dimensions;
    }

    /** An empty space (a search over it is one trial of the trainer as configured). */
    public static SearchSpace of() {
        return new SearchSpace(new LinkedHashMap<>());
    }

    /**
     * Searches {@code option} over these values, each checked against the option's type and range.
     *
     * @throws IllegalArgumentException if no value is given, a value is of the wrong type or outside the
     *         option's range, or {@code option} is already searched
     */
    @SafeVarargs
    public final <V> SearchSpace values(Option<V> option, V... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values for '" + option.name() + "'");
        }
        List<Object> checked = new ArrayList<>();
        for (V value : values) {
            checked.add(option.convert(value));
        }
        return with(new Values(option.name(), List.copyOf(checked)));
    }

    /**
     * Draws {@code option} uniformly from [low, high] (random search only).
     *
     * @throws IllegalArgumentException if {@code low} is above {@code high}, either is NaN or outside the
     *         option's range, or {@code option} is already searched
     */
    public SearchSpace uniform(Option<Double> option, double low, double high) {
        checkRange(option, low, high);
        return with(new Uniform(option.name(), low, high));
    }

    /**
     * Draws {@code option} log-uniformly from [low, high], low above 0 (random search only).
     *
     * @throws IllegalArgumentException if the range does not start above 0, {@code low} is above
     *         {@code high}, either is NaN or outside the option's range, or {@code option} is already
     *         searched
     */
    public SearchSpace logUniform(Option<Double> option, double low, double high) {
        if (!(low > 0)) {
            throw new IllegalArgumentException("a log-uniform range of '" + option.name() + "' must start above 0");
        }
        checkRange(option, low, high);
        return with(new LogUniform(option.name(), low, high));
    }

    /**
     * Draws {@code option} uniformly from the whole numbers low..high (random search only).
     *
     * @throws IllegalArgumentException if {@code low} is above {@code high}, either is outside the option's
     *         range, or {@code option} is already searched
     */
    public SearchSpace integers(Option<Integer> option, int low, int high) {
        checkRange(option, low, high);
        return with(new Integers(option.name(), low, high));
    }

    /** Every combination of the listed values, in order (the last dimension varies fastest). */
    List<Map<String, Object>> grid() {
        List<Map<String, Object>> configs = new ArrayList<>();
        configs.add(new LinkedHashMap<>());
        for (Dimension dimension : dimensions.values()) {
            if (!(dimension instanceof Values values)) {
                throw new IllegalArgumentException("grid search needs listed values, but '" + dimension.name()
                        + "' is a range; use random search or list values");
            }
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> config : configs) {
                for (Object value : values.values()) {
                    Map<String, Object> extended = new LinkedHashMap<>(config);
                    extended.put(values.name(), value);
                    next.add(extended);
                }
            }
            configs = next;
        }
        return configs;
    }

    /** {@code count} configurations drawn with a generator seeded by {@code seed}. */
    List<Map<String, Object>> sample(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Map<String, Object>> configs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, Object> config = new LinkedHashMap<>();
            for (Dimension dimension : dimensions.values()) {
                config.put(dimension.name(), dimension.draw(random));
            }
            configs.add(config);
        }
        return configs;
    }

    /** The searched hyperparameter names. */
    public List<String> names() {
        return List.copyOf(dimensions.keySet());
    }

    private SearchSpace with(Dimension dimension) {
        Map<String, Dimension> copy = new LinkedHashMap<>(dimensions);
        if (copy.put(dimension.name(), Objects.requireNonNull(dimension)) != null) {
            throw new IllegalArgumentException("'" + dimension.name() + "' is searched twice");
        }
        return new SearchSpace(copy);
    }

    private static void checkRange(Option<?> option, double low, double high) {
        if (!(low <= high)) {
            throw new IllegalArgumentException("range of '" + option.name() + "' is empty: [" + low + ", " + high + "]");
        }
        option.convert(option.type() == Integer.class ? (Object) (int) low : (Object) low);
        option.convert(option.type() == Integer.class ? (Object) (int) high : (Object) high);
    }
}
