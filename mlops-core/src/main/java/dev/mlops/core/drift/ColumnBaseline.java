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
 * then within {@code 1 / (k - 1)} of the full one everywhere; a numeric column of at most
 * {@value DriftMethod#LOW_CARDINALITY} distinct values also keeps each value's exact count, as the
 * tests for such columns need. A categorical or boolean column keeps its exact label counts.
 *
 * @param name    the column
 * @param numeric whether it holds numbers (else labels)
 * @param rows    the reference's finite values (numeric) or present labels, in full
 * @param missing the reference's missing (or, for numbers, non-finite) values
 * @param sketch  numeric: the sorted finite values or their evenly spaced order statistics; empty for labels
 * @param counts  labels: each label's count; numbers of at most {@value DriftMethod#LOW_CARDINALITY}
 *                distinct values: each value's count (keyed by {@link Double#toString(double)}); else empty
 * @since 0.1
 */
public record ColumnBaseline(String name, boolean numeric, long rows, long missing, double[] sketch,
        Map<String, Long> counts) {

    /** The most labels a column's counts hold. */
    public static final int MAX_LABELS = 1_000_000;

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
        if (rows < 0 || missing < 0 || rows > Integer.MAX_VALUE || missing > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("column '" + name + "': counts " + rows + " and " + missing
                    + " must be between 0 and " + Integer.MAX_VALUE);
        }
        for (int i = 0; i < sketch.length; i++) {
            if (!Double.isFinite(sketch[i]) || i > 0 && sketch[i] < sketch[i - 1]) {
                throw new IllegalArgumentException("column '" + name + "': the sketch must be finite and sorted");
            }
        }
        long kept = Math.min(rows, DriftBaseline.SKETCH_POINTS);
        if (numeric ? sketch.length != kept : sketch.length > 0) {
            throw new IllegalArgumentException("column '" + name + "': a " + (numeric ? "numeric" : "label")
                    + " baseline of " + rows + " values keeps " + (numeric ? kept : 0) + " sketch points, not "
                    + sketch.length);
        }
        if (counts.size() > MAX_LABELS || numeric && counts.size() > DriftMethod.LOW_CARDINALITY) {
            throw new IllegalArgumentException("column '" + name + "': " + counts.size() + " counted values, more"
                    + " than a " + (numeric ? "numeric" : "label") + " baseline keeps");
        }
        long total = 0;
        for (Map.Entry<String, Long> entry : counts.entrySet()) {
            if (entry.getKey() == null || entry.getValue() == null || entry.getValue() < 1) {
                throw new IllegalArgumentException("column '" + name + "': counts must be positive");
            }
            if (numeric) {
                try {
                    Double.parseDouble(entry.getKey());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("column '" + name + "': counted value '" + entry.getKey()
                            + "' is not a number");
                }
            }
            total = Math.addExact(total, entry.getValue());
        }
        if ((!numeric || !counts.isEmpty()) && total != rows) {
            throw new IllegalArgumentException("column '" + name + "': the counts add up to " + total + ", not " + rows);
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
