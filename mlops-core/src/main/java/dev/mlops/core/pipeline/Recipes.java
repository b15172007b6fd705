package dev.mlops.core.pipeline;

import dev.mlops.api.FieldType;
import dev.mlops.api.pipeline.Recipe;
import dev.mlops.core.check.Checks;
import dev.mlops.core.prep.Impute;
import dev.mlops.core.prep.Prep;
import dev.mlops.core.prep.Step;
import dev.mlops.core.prep.Unseen;
import dev.mlops.core.split.KFold;
import dev.mlops.core.split.Split;
import dev.mlops.core.train.AlgorithmTrainer;
import dev.mlops.core.train.Algorithms;
import dev.mlops.core.tune.Tuning;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a pipeline part again from its {@link Recipe}: every kind the SDK's own parts write. The
 * arguments come from JSON, so numbers may arrive as any {@link Number} (or as the strings
 * {@code Infinity} and {@code NaN}) and lists as lists.
 */
final class Recipes {

    private Recipes() {
    }

    /**
     * The part {@code recipe} describes.
     *
     * @throws IllegalArgumentException if the kind is unknown or an argument is not what the kind takes
     */
    static Object build(Recipe recipe) {
        List<Object> a = recipe.arguments();
        try {
            return switch (recipe.kind()) {
                case "prep.impute" -> Prep.impute(Impute.valueOf(text(a, 0)), names(a, 1));
                case "prep.imputeNumber" -> Prep.imputeConstant(number(a, 0), names(a, 1));
                case "prep.imputeLabel" -> Prep.imputeConstant(text(a, 0), names(a, 1));
                case "prep.scale" -> scale(text(a, 0), names(a, 1));
                case "prep.clip" -> Prep.clip(text(a, 0), number(a, 1), number(a, 2));
                case "prep.log1p" -> Prep.log1p(names(a, 0));
                case "prep.oneHot" -> Prep.oneHot(Unseen.valueOf(text(a, 0)), names(a, 1));
                case "prep.ordinal" -> Prep.ordinal(Unseen.valueOf(text(a, 0)), names(a, 1));
                case "prep.drop" -> Prep.drop(names(a, 0));
                case "prep.dropDuplicates" -> Prep.dropDuplicates(names(a, 0));
                case "prep.quantileBins" -> Prep.quantileBins(whole(a, 0), names(a, 1));
                case "prep.groupRare" -> Prep.groupRare(whole(a, 0), names(a, 1));
                case "prep.convert" -> Prep.convert(text(a, 0), FieldType.valueOf(text(a, 1)));
                case "prep.derive" -> Prep.derive(text(a, 0), text(a, 1));
                case "check.hasColumn" -> Checks.hasColumn(text(a, 0), FieldType.valueOf(text(a, 1)));
                case "check.complete" -> Checks.complete(text(a, 0));
                case "check.completeness" -> Checks.completeness(text(a, 0), number(a, 1));
                case "check.range" -> Checks.range(text(a, 0), number(a, 1), number(a, 2));
                case "check.allowed" -> Checks.allowed(text(a, 0), Set.of(names(a, 1)));
                case "check.pattern" -> Checks.pattern(text(a, 0), text(a, 1));
                case "check.unique" -> Checks.unique(names(a, 0));
                case "check.rowCount" -> Checks.rowCount(longValue(a, 0), longValue(a, 1));
                case "check.mean" -> Checks.mean(text(a, 0), number(a, 1), number(a, 2));
                case "check.std" -> Checks.std(text(a, 0), number(a, 1), number(a, 2));
                case "split" -> split(a);
                case "split.kFold" -> kFold(a);
                case "trainer" -> trainer(a);
                case "tuning" -> tuning(a);
                case "evaluate.standard" -> Evaluators.standard();
                case "gate.atLeast" -> Gates.atLeast(text(a, 0), number(a, 1));
                case "gate.atMost" -> Gates.atMost(text(a, 0), number(a, 1));
                case "gate.beatsChampion" -> Gates.beatsChampion(text(a, 0), number(a, 1), (Boolean) a.get(2));
                default -> throw new IllegalArgumentException("unknown recipe kind");
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot build " + recipe + ": " + e.getMessage(), e);
        }
    }

    private static Step scale(String kind, String[] columns) {
        return switch (kind) {
            case "STANDARD" -> Prep.standardize(columns);
            case "MIN_MAX" -> Prep.minMax(columns);
            case "ROBUST" -> Prep.robust(columns);
            default -> throw new IllegalArgumentException("unknown scaling '" + kind + "'");
        };
    }

    private static Split split(List<Object> a) {
        double train = number(a, 0);
        String time = (String) a.get(2);
        Split split = time == null ? Split.holdout(train) : Split.timeOrdered(time, train);
        if (number(a, 1) > 0) {
            split = split.validation(number(a, 1));
        }
        if (a.get(3) != null) {
            split = split.stratifiedBy(text(a, 3));
        }
        if (a.get(4) != null) {
            split = split.groupedBy(text(a, 4));
        }
        return split.seed(longValue(a, 5));
    }

    private static KFold kFold(List<Object> a) {
        KFold folds = Split.kFold(whole(a, 0));
        if (a.get(1) != null) {
            folds = folds.stratifiedBy(text(a, 1));
        }
        return folds.seed(longValue(a, 2));
    }

    private static AlgorithmTrainer<?> trainer(List<Object> a) {
        return Algorithms.named(text(a, 0), map(a, 1), longValue(a, 2));
    }

    private static Tuning tuning(List<Object> a) {
        AlgorithmTrainer<?> trainer = (AlgorithmTrainer<?>) build(Recipe.fromMap(a.get(0)));
        List<Map<String, Object>> configs = new ArrayList<>();
        for (Object config : (List<?>) a.get(1)) {
            configs.add(mapOf(config));
        }
        Tuning tuning = Tuning.configurations(trainer, configs);
        if (a.get(2) != null) {
            tuning = tuning.crossValidation((KFold) build(Recipe.fromMap(a.get(2))));
        }
        if (a.get(3) != null) {
            tuning = tuning.validation((Split) build(Recipe.fromMap(a.get(3))));
        }
        return tuning.optimize(text(a, 4), (Boolean) a.get(5)).parallelism(whole(a, 6));
    }

    // ---- arguments -----------------------------------------------------------------------------------

    private static String text(List<Object> a, int i) {
        if (!(a.get(i) instanceof String s)) {
            throw new IllegalArgumentException("argument " + i + " should be text: " + a.get(i));
        }
        return s;
    }

    private static double number(List<Object> a, int i) {
        Object value = a.get(i);
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof String s && (s.equals("Infinity") || s.equals("-Infinity") || s.equals("NaN"))) {
            return Double.parseDouble(s);
        }
        throw new IllegalArgumentException("argument " + i + " should be a number: " + value);
    }

    private static long longValue(List<Object> a, int i) {
        if (!(a.get(i) instanceof Number n) || n.doubleValue() != n.longValue()) {
            throw new IllegalArgumentException("argument " + i + " should be a whole number: " + a.get(i));
        }
        return n.longValue();
    }

    private static int whole(List<Object> a, int i) {
        return Math.toIntExact(longValue(a, i));
    }

    private static String[] names(List<Object> a, int i) {
        if (!(a.get(i) instanceof List<?> list)) {
            throw new IllegalArgumentException("argument " + i + " should be a list of names: " + a.get(i));
        }
        return list.stream().map(name -> (String) name).toArray(String[]::new);
    }

    private static Map<String, Object> map(List<Object> a, int i) {
        return mapOf(a.get(i));
    }

    private static Map<String, Object> mapOf(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("should be a map: " + value);
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, v) -> copy.put((String) key, v));
        return copy;
    }
}
