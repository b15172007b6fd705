package dev.mlops.serving;

import dev.mlops.api.Column;
import dev.mlops.api.Features;
import dev.mlops.api.Field;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.InvalidInputException.Problem;
import dev.mlops.api.NumericColumn;
import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.model.Signature;
import dev.mlops.core.prep.Encoding;
import dev.mlops.core.prep.FittedChain;
import dev.mlops.core.prep.FittedStep;
import dev.mlops.core.prep.OneHotEncoded;
import dev.mlops.core.prep.OrdinalEncoded;
import dev.mlops.core.prep.RareGrouped;
import dev.mlops.core.prep.Unseen;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A signature's request rules, worked out once per loaded version: per input its type, whether it
 * may be null, and, when the fitted preparation refuses unseen categories of it, the categories it
 * knows. {@link #problems(Features)} allocates nothing for a valid row.
 */
final class RequestCheck {

    private static final int SHOWN_CATEGORIES = 20;

    private final Field[] fields;
    private final Set<String>[] known;
    private final Set<String> names;
    private final RequestPolicy policy;

    @SuppressWarnings("unchecked")
    private RequestCheck(Signature signature, FittedChain chain, RequestPolicy policy) {
        this.fields = signature.inputs().fields().toArray(Field[]::new);
        this.known = new Set[fields.length];
        for (int i = 0; i < fields.length; i++) {
            if (fields[i].type() == FieldType.CATEGORICAL) {
                known[i] = refusedUnlessKnown(chain, fields[i].name());
            }
        }
        this.names = new HashSet<>(signature.inputs().names());
        this.policy = policy;
    }

    static RequestCheck of(Signature signature, FittedChain chain, RequestPolicy policy) {
        return new RequestCheck(signature, chain, policy);
    }

    /**
     * The categories of {@code column} that the first step encoding it knows, when that step refuses
     * others; null when an unseen category is not refused by the preparation (or is grouped with the
     * rare ones before any encoder sees it).
     */
    private static Set<String> refusedUnlessKnown(FittedChain chain, String column) {
        for (FittedStep step : chain.steps()) {
            if (step instanceof RareGrouped grouped
                    && grouped.kept().stream().anyMatch(e -> e.column().equals(column))) {
                return null;
            }
            List<Encoding> encodings;
            Unseen unseen;
            if (step instanceof OneHotEncoded oneHot) {
                encodings = oneHot.encodings();
                unseen = oneHot.unseen();
            } else if (step instanceof OrdinalEncoded ordinal) {
                encodings = ordinal.encodings();
                unseen = ordinal.unseen();
            } else {
                continue;
            }
            for (Encoding encoding : encodings) {
                if (encoding.column().equals(column)) {
                    return unseen == Unseen.ERROR ? Set.copyOf(encoding.categories()) : null;
                }
            }
        }
        return null;
    }

    /** Every problem of {@code row}; null when it has none. */
    List<Problem> problems(Features row) {
        List<Problem> problems = null;
        int present = 0;
        java.util.Map<String, Object> values = row.asMap(); // one lookup per field: a null is then told apart
        for (int i = 0; i < fields.length; i++) {
            Field field = fields[i];
            Object value = values.get(field.name());
            if (value == null && !values.containsKey(field.name())) {
                problems = add(problems, field.name(), "is missing; the model needs every input, " + field.type());
                continue;
            }
            present++;
            String problem = problem(i, value);
            if (problem != null) {
                problems = add(problems, field.name(), problem);
            }
        }
        if (policy == RequestPolicy.STRICT && row.size() > present) {
            for (String name : row.names()) {
                if (!names.contains(name)) {
                    problems = add(problems, Shown.of(name), "is not an input of the model (RequestPolicy.LENIENT ignores"
                            + " unknown fields); inputs are " + List.of(names(fields)));
                }
            }
        }
        return problems;
    }

    /** What is wrong with {@code value} for input {@code index}, or null. */
    private String problem(int index, Object value) {
        Field field = fields[index];
        if (value == null) {
            return field.nullable() ? null
                    : "has no value, and the model was trained without missing values here";
        }
        if (!field.type().accepts(value)) {
            return "is " + value.getClass().getSimpleName() + " '" + Shown.of(value) + "'; the model needs "
                    + field.type();
        }
        if (value instanceof Double number && !Double.isFinite(number)) {
            return "is " + number + "; the model needs a finite number (send null for a missing value)";
        }
        if (known[index] != null && !known[index].contains(value)) {
            return "is '" + Shown.of(value) + "', a category never seen in training; known: " + shown(known[index]);
        }
        return null;
    }

    /** Every problem of {@code frame}, by column, with the first rows that have it; null when none. */
    List<Problem> problems(Frame frame) {
        List<Problem> problems = null;
        for (int i = 0; i < fields.length; i++) {
            Field field = fields[i];
            if (!frame.schema().contains(field.name())) {
                problems = add(problems, field.name(), "is missing; the model needs every input, " + field.type());
                continue;
            }
            Column column = frame.column(field.name());
            if (column.type() != field.type()) {
                problems = add(problems, field.name(), "is " + column.type() + "; the model needs " + field.type());
                continue;
            }
            String problem = rowsProblem(i, column);
            if (problem != null) {
                problems = add(problems, field.name(), problem);
            }
        }
        if (policy == RequestPolicy.STRICT) {
            for (String name : frame.schema().names()) {
                if (!names.contains(name)) {
                    problems = add(problems, Shown.of(name), "is not an input of the model (RequestPolicy.LENIENT ignores"
                            + " unknown columns); inputs are " + List.of(names(fields)));
                }
            }
        }
        return problems;
    }

    private String rowsProblem(int index, Column column) {
        Field field = fields[index];
        List<Integer> rows = new ArrayList<>();
        int count = 0;
        String first = null;
        for (int row = 0; row < column.size(); row++) {
            String problem = column.isMissing(row) ? (field.nullable() ? null : problem(index, null))
                    : problem(index, value(column, row));
            if (problem != null) {
                count++;
                first = first == null ? problem : first;
                if (rows.size() < 5) {
                    rows.add(row);
                }
            }
        }
        if (count == 0) {
            return null;
        }
        return count + " row" + (count == 1 ? "" : "s") + " (first " + rows + ") refused; row " + rows.get(0) + " "
                + first;
    }

    private static Object value(Column column, int row) {
        if (column instanceof NumericColumn numbers) {
            return numbers.value(row);
        }
        if (column instanceof CategoricalColumn labels) {
            return labels.value(row);
        }
        return column.get(row);
    }

    private static List<Problem> add(List<Problem> problems, String field, String reason) {
        List<Problem> list = problems != null ? problems : new ArrayList<>();
        list.add(new Problem(field, reason));
        return list;
    }

    private static String shown(Set<String> categories) {
        Set<String> sorted = new LinkedHashSet<>(categories.stream().sorted().limit(SHOWN_CATEGORIES).toList());
        return categories.size() <= SHOWN_CATEGORIES ? sorted.toString()
                : sorted + " and " + (categories.size() - SHOWN_CATEGORIES) + " more";
    }

    private static String[] names(Field[] fields) {
        String[] names = new String[fields.length];
        for (int i = 0; i < fields.length; i++) {
            names[i] = fields[i].name();
        }
        return names;
    }
}
