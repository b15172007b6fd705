package dev.mlops.core.prep;

import dev.mlops.api.Features;
import dev.mlops.api.Frame;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Numeric columns replaced, in place, by the index of their quantile bin: bin {@code i} holds values
 * from edge {@code i} (inclusive) to edge {@code i + 1}; values below the first edge fall in bin 0,
 * above the last in the last bin. Missing values and NaN stay as they are.
 *
 * @param bins each column's interior edges, fitted as training quantiles (repeats removed)
 * @since 0.1
 */
public record QuantileBinned(List<Edges> bins) implements FittedStep {

    /**
     * @param column the column
     * @param edges  ascending interior edges; {@code edges.size() + 1} bins
     */
    public record Edges(String column, List<Double> edges) implements NumericFunction {
        /**
         * Checks the components.
         *
         * @throws IllegalArgumentException if the edges are not strictly ascending
         */
        public Edges {
            Objects.requireNonNull(column, "column");
            edges = List.copyOf(edges);
            for (int i = 1; i < edges.size(); i++) {
                if (!(edges.get(i - 1) < edges.get(i))) {
                    throw new IllegalArgumentException("bin edges of '" + column + "' must be strictly ascending: " + edges);
                }
            }
        }

        @Override
        public double apply(double value) {
            if (Double.isNaN(value)) {
                return value;
            }
            int bin = 0;
            while (bin < edges.size() && value >= edges.get(bin)) {
                bin++;
            }
            return bin;
        }
    }

    public QuantileBinned {
        bins = List.copyOf(bins);
    }

    static QuantileBinned fit(Frame frame, int count, List<String> named) {
        if (count < 2) {
            throw new IllegalArgumentException("quantile binning needs at least 2 bins: " + count);
        }
        return new QuantileBinned(PrepColumns.chosen(frame, named, dev.mlops.api.FieldType.NUMERIC).stream().map(name -> {
            double[] sorted = PrepColumns.finiteSorted(PrepColumns.numeric(frame, name));
            double[] interior = new double[count - 1];
            for (int i = 1; i < count; i++) {
                interior[i - 1] = PrepColumns.quantile(sorted, (double) i / count);
            }
            return new Edges(name, Arrays.stream(interior).distinct().boxed().toList());
        }).toList());
    }

    @Override
    public Frame transform(Frame frame) {
        return PrepColumns.apply(frame, bins);
    }

    @Override
    public Features transform(Features row) {
        return PrepColumns.apply(row, bins);
    }
}
