package dev.mlops.core.split;

import dev.mlops.api.Frame;
import java.util.Arrays;

/**
 * A frame's rows divided into train, validation and test parts. Each part keeps the rows in their
 * original order; together the parts hold every row exactly once. The validation part is empty
 * unless a validation fraction was asked for.
 *
 * @since 0.1
 */
public final class Partition {

    private final Frame source;
    private final int[] train;
    private final int[] validation;
    private final int[] test;

    Partition(Frame source, int[] train, int[] validation, int[] test) {
        this.source = source;
        this.train = sorted(train);
        this.validation = sorted(validation);
        this.test = sorted(test);
    }

    /** The training rows. */
    public Frame train() {
        return source.take(train);
    }

    /** The validation rows (no rows when none were asked for). */
    public Frame validation() {
        return source.take(validation);
    }

    /** The test rows. */
    public Frame test() {
        return source.take(test);
    }

    /** Indexes of the training rows in the source frame, ascending. */
    public int[] trainRows() {
        return train.clone();
    }

    /** Indexes of the validation rows in the source frame, ascending. */
    public int[] validationRows() {
        return validation.clone();
    }

    /** Indexes of the test rows in the source frame, ascending. */
    public int[] testRows() {
        return test.clone();
    }

    @Override
    public String toString() {
        return "Partition[train=" + train.length + ", validation=" + validation.length + ", test=" + test.length + "]";
    }

    private static int[] sorted(int[] rows) {
        int[] copy = rows.clone();
        Arrays.sort(copy);
        return copy;
    }
}
