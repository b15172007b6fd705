package dev.mlops.core.drift;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What live drift tests need of one reference column, kept small enough to travel in a bundle.
 * A numeric column keeps its finite values sorted when there are at most
 * {@value DriftBaseline#SKETCH_POINTS} of them, otherwise that many evenly spaced order statistics
 * (the values at ranks {@code round(i (n - 1) / (k - 1))}): the sketch's distribution function is
 * then within {@code 1 / (k - 1)} of the full one everywhere. A categorical or boolean column keeps
 * its exact label counts.
 *
 * @param name    the column
 * @param numeric whether it holds numbers (else labels)
 * @param rows    the reference's finite values (numeric) or present labels, in full
 * @param missing the reference's missing (or, for numbers, non-finite) values
 * @param sketch  numeric: the sorted finite values or their evenly spaced order statistics; empty for labels
 * @param counts  labels: each label's count; empty for numbers
 * @since 0.1
 */
public record ColumnBaseline(String name, boolean numeric, long rows, long missing, double[] sketch,
        Map<String, Long> counts) {

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException if a count is negative, the sketch is not sorted and finite,
     *         or the parts do not fit the column's kind
     */
    public ColumnBaseline {
        Objects.requireNonNull(name, "name");
        sketch = sketch == null ? new double[0] : sketch.clone();
        counts = counts == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(counts));
        if (rows < 0 || missing < 0) {
            throw new IllegalArgumentException("column '" + name + "': negative counts " + rows + ", " + missing);
        }
        for (int i = 0; i < sketch.length; i++) {
            if (!Double.isFinite(sketch[i]) || i > 0 && sketch[i] < sketch[i - 1]) {
                throw new IllegalArgumentException("column '" + name + "': the sketch must be finite and sorted");
            }
        }
        if (numeric ? !counts.isEmpty() || sketch.length > rows || rows > 0 && sketch.length == 0
                : sketch.length > 0) {
            throw new IllegalArgumentException("column '" + name + "': a " + (numeric ? "numeric" : "label")
                    + " baseline with " + sketch.length + " sketch points, " + counts.size() + " labels and " + rows
                    + " rows");
        }
        long total = 0;
        for (Map.Entry<String, Long> entry : counts.entrySet()) {
            if (entry.getKey() == null || entry.getValue() == null || entry.getValue() < 1) {
                throw new IllegalArgumentException("column '" + name + "': label counts must be positive");
            }
            total += entry.getValue();
        }
        if (!numeric && total != rows) {
            throw new IllegalArgumentException("column '" + name + "': the label counts add up to " + total
                    + ", not " + rows);
        }
    }

    /** The sorted sketch (a copy). */
    @Override
    public double[] sketch() {
        return sketch.clone();
    }

    /** The sketch itself, not copied: for this package's tests of live windows. */
    double[] sketchView() {
        return sketch;
    }

    /** Whether the sketch holds every finite value of the reference, so tests on it are exact. */
    public boolean exact() {
        return !numeric || sketch.length == rows;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ColumnBaseline other && name.equals(other.name) && numeric == other.numeric
                && rows == other.rows && missing == other.missing && Arrays.equals(sketch, other.sketch)
                && counts.equals(other.counts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, numeric, rows, missing, Arrays.hashCode(sketch), counts);
    }

    @Override
    public String toString() {
        return name + (numeric ? " numeric, " + rows + " values (" + sketch.length + " kept)" : " labels "
                + counts.size() + ", " + rows + " values") + (missing > 0 ? ", " + missing + " missing" : "");
    }
}
