package dev.mlops.core.split;

import dev.mlops.api.Frame;
import java.util.Arrays;

/**
 * One fold of a k-fold split: the rows held out for testing and the rest for training. Frames are
 * copied from the source on each call to {@link #train()} or {@link #test()}, so k folds do not
 * hold k copies of the data.
 *
 * @since 0.1
 */
public final class Fold {

    private final int index;
    private final Frame source;
    private final int[] train;
    private final int[] test;

    Fold(int index, Frame source, int[] train, int[] test) {
        this.index = index;
        this.source = source;
        this.train = train.clone();
        this.test = test.clone();
        Arrays.sort(this.train);
        Arrays.sort(this.test);
    }

    /** This fold's position, from 0. */
    public int index() {
        return index;
    }

    /** Every row not held out in this fold. */
    public Frame train() {
        return source.take(train);
    }

    /** The rows held out in this fold. */
    public Frame test() {
        return source.take(test);
    }

    /** Indexes of the training rows, ascending. */
    public int[] trainRows() {
        return train.clone();
    }

    /** Indexes of the held-out rows, ascending. */
    public int[] testRows() {
        return test.clone();
    }

    @Override
    public String toString() {
        return "Fold[" + index + ": train=" + train.length + ", test=" + test.length + "]";
    }
}
