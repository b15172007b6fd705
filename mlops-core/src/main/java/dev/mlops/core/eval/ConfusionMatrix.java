package dev.mlops.core.eval;

import java.util.List;

/**
 * Counts of rows by actual class (row) and predicted class (column), in {@link #labels()} order.
 *
 * @since 0.1
 */
public final class ConfusionMatrix {

    private final List<String> labels;
    private final int[][] counts;

    ConfusionMatrix(List<String> labels, int[][] counts) {
        this.labels = List.copyOf(labels);
        this.counts = new int[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            this.counts[i] = counts[i].clone();
        }
    }

    /** The classes, in row and column order. */
    public List<String> labels() {
        return labels;
    }

    /**
     * Rows of class {@code actual} predicted as {@code predicted}.
     *
     * @throws IllegalArgumentException if {@code actual} or {@code predicted} is not one of the classes
     */
    public int count(String actual, String predicted) {
        return counts[index(actual)][index(predicted)];
    }

    /** A copy of the counts, rows actual, columns predicted. */
    public int[][] counts() {
        int[][] copy = new int[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            copy[i] = counts[i].clone();
        }
        return copy;
    }

    private int index(String label) {
        int i = labels.indexOf(label);
        if (i < 0) {
            throw new IllegalArgumentException("'" + label + "' is not a class; classes are " + labels);
        }
        return i;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfusionMatrix other && labels.equals(other.labels)
                && java.util.Arrays.deepEquals(counts, other.counts);
    }

    @Override
    public int hashCode() {
        return labels.hashCode() * 31 + java.util.Arrays.deepHashCode(counts);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("actual \\ predicted " + labels + "\n");
        for (int i = 0; i < labels.size(); i++) {
            text.append(labels.get(i)).append(' ').append(java.util.Arrays.toString(counts[i])).append('\n');
        }
        return text.toString();
    }
}
