package dev.mlops.core.prep;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Field;
import dev.mlops.api.Features;
import dev.mlops.api.Frame;
import dev.mlops.api.NumericColumn;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Each categorical column replaced, in place and under the same name, by a numeric column of its
 * category's position in the sorted known categories. Missing stays missing; unseen categories
 * follow the {@link Unseen} policy (missing under IGNORE, the code after the last under OTHER).
 *
 * @param encodings each column's known categories
 * @param unseen    what happens to categories not seen in training
 * @since 0.1
 */
public record OrdinalEncoded(List<Encoding> encodings, Unseen unseen) implements FittedStep {

    public OrdinalEncoded {
        encodings = List.copyOf(encodings);
        Objects.requireNonNull(unseen, "unseen policy");
    }

    static OrdinalEncoded fit(Frame frame, List<String> named, Unseen unseen) {
        return new OrdinalEncoded(PrepColumns.chosen(frame, named, dev.mlops.api.FieldType.CATEGORICAL).stream()
                .map(name -> Encoding.fit(frame, name)).toList(), unseen);
    }

    /** The ordinal of a label, or null for missing; refuses unseen categories under ERROR. */
    private Double ordinal(Encoding encoding, int code, String label, int row) {
        if (code == CategoricalColumn.MISSING) {
            return null;
        }
        if (code != Encoding.UNSEEN) {
            return (double) code;
        }
        return switch (unseen) {
            case ERROR -> throw PrepColumns.refused(encoding.column(), row, label, "is a category never seen in"
                    + " training; known: " + encoding.categories());
            case IGNORE -> null;
            case OTHER -> (double) encoding.categories().size();
        };
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException      if an encoded column is absent or not categorical
     * @throws dev.mlops.api.DataException if a category was never seen in training and {@link #unseen()} is
     *         {@link Unseen#ERROR}
     */
    @Override
    public Frame transform(Frame frame) {
        Frame result = frame;
        for (Encoding encoding : encodings) {
            CategoricalColumn labels = PrepColumns.categorical(frame, encoding.column());
            NumericColumn.Builder builder = NumericColumn.builder(Field.numeric(encoding.column()), labels.size());
            for (int row = 0; row < labels.size(); row++) {
                String label = labels.value(row);
                Double value = ordinal(encoding, encoding.code(label), label, row);
                if (value == null) {
                    builder.addMissing();
                } else {
                    builder.add(value);
                }
            }
            result = result.withColumn(builder.build());
        }
        return result;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException      if an encoded feature is absent or not a label
     * @throws dev.mlops.api.DataException if a category was never seen in training and {@link #unseen()} is
     *         {@link Unseen#ERROR}
     */
    @Override
    public Features transform(Features row) {
        Map<String, Object> result = new LinkedHashMap<>(row.asMap());
        for (Encoding encoding : encodings) {
            String label = PrepColumns.label(row, encoding.column());
            result.put(encoding.column(), ordinal(encoding, encoding.code(label), label, -1));
        }
        return Features.of(result);
    }
}
