package dev.mlops.core.split;

import dev.mlops.api.Frame;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A k-fold cross-validation split: every row is held out in exactly one of k folds, and fold sizes
 * differ by at most one row. Stratified, each value of the column is also spread over the folds
 * within one row of equal shares. Immutable; the seed (default 0) fixes every random choice.
 *
 * @since 0.1
 */
public final class KFold implements dev.mlops.api.pipeline.Reproducible {

    private final int k;
    private final String stratifyBy;
    private final long seed;

    private KFold(int k, String stratifyBy, long seed) {
        this.k = k;
        this.stratifyBy = stratifyBy;
        this.seed = seed;
    }

    static KFold of(int k) {
        if (k < 2) {
            throw new IllegalArgumentException("k-fold needs at least 2 folds: " + k);
        }
        return new KFold(k, null, 0);
    }

    /** Spread each value of {@code column} (categorical or boolean) evenly over the folds. */
    public KFold stratifiedBy(String column) {
        return new KFold(k, Objects.requireNonNull(column, "column"), seed);
    }

    /** The seed of the shuffle; default 0. */
    public KFold seed(long newSeed) {
        return new KFold(k, stratifyBy, newSeed);
    }

    /** {@code split.kFold[k, stratifiedBy or null, seed]}. */
    @Override
    public dev.mlops.api.pipeline.Recipe recipe() {
        return dev.mlops.api.pipeline.Recipe.of("split.kFold", k, stratifyBy, seed);
    }

    @Override
    public String toString() {
        return "kFold(k=" + k + (stratifyBy == null ? "" : ", stratifiedBy=" + stratifyBy) + ", seed=" + seed + ")";
    }

    /**
     * The k folds of {@code frame}, in order.
     *
     * @throws IllegalArgumentException if the frame has fewer rows than folds, or the column is unusable
     */
    public List<Fold> apply(Frame frame) {
        if (frame.rowCount() < k) {
            throw new IllegalArgumentException(k + " folds need at least " + k + " rows; the frame has "
                    + frame.rowCount());
        }
        List<int[]> blocks = stratifyBy == null ? List.of(RowGroups.allRows(frame.rowCount()))
                : RowGroups.strata(frame, stratifyBy);
        SplittableRandom random = new SplittableRandom(seed);
        int[] foldOf = new int[frame.rowCount()];
        int[] sizes = new int[k];
        int dealt = 0;
        for (int[] block : blocks) {
            for (int row : RowGroups.shuffled(block, random)) {
                int fold = dealt++ % k;
                foldOf[row] = fold;
                sizes[fold]++;
            }
        }
        List<Fold> folds = new ArrayList<>(k);
        for (int f = 0; f < k; f++) {
            int[] test = new int[sizes[f]];
            int[] train = new int[frame.rowCount() - sizes[f]];
            int t = 0;
            int r = 0;
            for (int row = 0; row < foldOf.length; row++) {
                if (foldOf[row] == f) {
                    test[t++] = row;
                } else {
                    train[r++] = row;
                }
            }
            folds.add(new Fold(f, frame, train, test));
        }
        return folds;
    }
}
