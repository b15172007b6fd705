package dev.mlops.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;

import dev.mlops.api.Features;
import dev.mlops.api.InvalidInputException;
import dev.mlops.api.Prediction;
import dev.mlops.core.bundle.ModelBundle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.impl.Constraint;

/**
 * Any request, however malformed, is either predicted exactly as the bundle predicts it, or refused
 * with one {@link InvalidInputException} whose problems name exactly the fields that an independent
 * statement of the rules (below, written from the {@code Toy} schema, not from the checker) finds
 * wrong. Nothing else escapes.
 */
class RequestCheckPropertyTest {

    private static final List<String> NAMES = List.of("x", "z", "city", "plan", "flag", "colour", "X", "");
    private static ModelBundle bundle;
    private static Predictor strict;
    private static Predictor lenient;

    @BeforeAll
    static void train() {
        bundle = Toy.bundle();
        strict = Serving.predictor(bundle, "toy");
        lenient = strict.withPolicy(RequestPolicy.LENIENT);
    }

    /** A value of any kind a caller could send. */
    private static Object value(long kind, long pick) {
        return switch ((int) kind) {
            case 0 -> null;
            case 1 -> (double) pick / 7;
            case 2 -> List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY).get((int) (pick % 3));
            case 3 -> Toy.CITIES.get((int) (pick % Toy.CITIES.size()));
            case 4 -> Toy.PLANS.get((int) (pick % 2));
            case 5 -> List.of("paris", "gold", "", "OSLO", "<script>").get((int) (pick % 5));
            case 6 -> pick % 2 == 0;
            case 7 -> Instant.ofEpochSecond(pick);
            default -> (int) pick;
        };
    }

    private static Gen<Features> requests() {
        return in -> {
            Features.Builder row = Features.builder();
            for (String name : NAMES) {
                boolean usual = name.equals("x") || name.equals("z") || name.equals("city") || name.equals("plan")
                        || name.equals("flag");
                // inputs are usually present and of the right kind, so valid rows are common too
                if (in.next(Constraint.between(0, 9)) < (usual ? 9 : 1)) {
                    long kind = in.next(Constraint.between(0, 24));
                    Object value = kind > 8 ? typical(name, in.next(Constraint.between(0, 1_000))) :
                            value(kind, in.next(Constraint.between(0, 1_000)));
                    row.set(name, value);
                }
            }
            return row.build();
        };
    }

    private static Object typical(String name, long pick) {
        return switch (name) {
            case "x", "z" -> (double) pick / 100;
            case "city" -> Toy.CITIES.get((int) (pick % Toy.CITIES.size()));
            case "plan" -> Toy.PLANS.get((int) (pick % 2));
            case "flag" -> pick % 2 == 0;
            default -> "extra";
        };
    }

    /** The rules, stated for the Toy schema: which fields a request gets wrong. */
    private static Set<String> wrongFields(Features row, boolean strictPolicy) {
        Set<String> wrong = new TreeSet<>();
        for (String input : List.of("x", "z", "city", "plan", "flag")) {
            if (!row.contains(input)) {
                wrong.add(input);
                continue;
            }
            Object value = row.get(input);
            boolean ok = switch (input) {
                case "x" -> value == null || value instanceof Double d && Double.isFinite(d);
                case "z" -> value instanceof Double d && Double.isFinite(d);
                case "city" -> value == null || value instanceof String s && Toy.CITIES.contains(s);
                case "plan" -> value == null || value instanceof String;
                default -> value == null || value instanceof Boolean;
            };
            if (!ok) {
                wrong.add(input);
            }
        }
        if (strictPolicy) {
            row.names().stream().filter(n -> !List.of("x", "z", "city", "plan", "flag").contains(n))
                    .forEach(wrong::add);
        }
        return wrong;
    }

    @Test
    void everyRequestIsPredictedAsTheBundleDoesOrRefusedNamingExactlyItsWrongFields() {
        qt().withExamples(3_000).forAll(requests()).checkAssert(row -> {
            for (Predictor predictor : List.of(strict, lenient)) {
                Set<String> wrong = wrongFields(row, predictor == strict);
                Prediction served;
                try {
                    served = predictor.predict(row);
                } catch (InvalidInputException e) {
                    Set<String> named = e.problems().stream().map(InvalidInputException.Problem::field)
                            .collect(Collectors.toCollection(TreeSet::new));
                    if (wrong.isEmpty()) {
                        // only one refusal is the model's own: a missing boolean, which it cannot take
                        assertEquals(Set.of("flag"), named, e.getMessage());
                        assertEquals(null, row.get("flag"), e.getMessage());
                    } else {
                        assertEquals(wrong, named, e.getMessage());
                    }
                    continue;
                }
                assertEquals(Set.of(), wrong, "predicted although wrong: " + row);
                Features inputs = Features.builder().build();
                List<String> keep = new ArrayList<>(List.of("x", "z", "city", "plan", "flag"));
                Features.Builder only = inputs.toBuilder();
                keep.forEach(name -> only.set(name, row.get(name)));
                Prediction.Classification plain = (Prediction.Classification) bundle.predict(only.build());
                assertEquals(plain.probabilities(), ((Prediction.Classification) served).probabilities());
                assertEquals(plain.label(), ((Prediction.Classification) served).label());
            }
        });
    }
}
