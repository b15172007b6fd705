package dev.mlops.core.prep;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Features;
import dev.mlops.api.Frame;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Rare categories grouped into one: in each column, a category seen fewer than {@code minCount}
 * times in training, and any category never seen in training, becomes {@link #other()}; the
 * categories seen often enough, and missing values, stay as they are. Later encoders, and Smile's
 * trees, which split categories natively and refuse a category they never saw, then meet only
 * categories they know, provided training had a rare one. If a kept category already has the
 * bucket's name, the rare ones join it.
 *
 * @param kept  each column's categories kept as they are, sorted
 * @param other the bucket's name
 * @since 0.1
 */
public record RareGrouped(List<Encoding> kept, String other) implements FittedStep {

    /** The bucket's name, unless another is recorded. */
    public static final String OTHER = "other";

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException if a column is named twice
     */
    public RareGrouped {
        kept = List.copyOf(kept);
        Objects.requireNonNull(other, "bucket name");
        if (kept.stream().map(Encoding::column).distinct().count() != kept.size()) {
            throw new IllegalArgumentException("rare grouping names a column twice: "
                    + kept.stream().map(Encoding::column).toList());
        }
    }

    static RareGrouped fit(Frame frame, List<String> named, int minCount) {
        List<Encoding> kept = new ArrayList<>();
        for (String name : PrepColumns.chosen(frame, named, dev.mlops.api.FieldType.CATEGORICAL)) {
            CategoricalColumn column = PrepColumns.categorical(frame, name);
            long[] counts = new long[column.dictionarySize()];
            for (int row = 0; row < column.size(); row++) {
                int code = column.code(row);
                if (code != CategoricalColumn.MISSING) {
                    counts[code]++;
                }
            }
            TreeSet<String> often = new TreeSet<>();
            for (int code = 0; code < counts.length; code++) {
                if (counts[code] >= minCount) {
                    often.add(column.label(code));
                }
            }
            kept.add(new Encoding(name, List.copyOf(often)));
        }
        return new RareGrouped(kept, OTHER);
    }

    /** {@code label} as this step leaves it: itself if kept or missing, otherwise the bucket. */
    String grouped(Encoding encoding, String label) {
        return label == null || encoding.code(label) != Encoding.UNSEEN ? label : other;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if a grouped column is absent or not categorical
     */
    @Override
    public Frame transform(Frame frame) {
        Frame result = frame;
        for (Encoding encoding : kept) {
            CategoricalColumn column = PrepColumns.categorical(frame, encoding.column());
            List<String> dictionary = column.dictionary();
            java.util.Map<String, Integer> labels = new java.util.LinkedHashMap<>();
            int[] newCode = new int[dictionary.size()];
            for (int code = 0; code < dictionary.size(); code++) {
                newCode[code] = labels.computeIfAbsent(grouped(encoding, dictionary.get(code)), l -> labels.size());
            }
            int[] codes = new int[column.size()];
            for (int row = 0; row < codes.length; row++) {
                int code = column.code(row);
                codes[row] = code == CategoricalColumn.MISSING ? CategoricalColumn.MISSING : newCode[code];
            }
            result = result.withColumn(CategoricalColumn.ofCodes(column.field(), codes, List.copyOf(labels.keySet())));
        }
        return result;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if a grouped feature is absent or not a label
     */
    @Override
    public Features transform(Features row) {
        Features.Builder builder = row.toBuilder();
        for (Encoding encoding : kept) {
            builder.set(encoding.column(), grouped(encoding, PrepColumns.label(row, encoding.column())));
        }
        return builder.build();
    }
}
