package dev.mlops.core.train.internal;

import org.tribuo.FeatureMap;
import org.tribuo.Output;
import org.tribuo.impl.ArrayExample;

/**
 * A dense example whose feature names are already sorted, unique and canonical (the dataset's own
 * name instances) and whose values are finite, as {@link TribuoData} builds them from a checked
 * frame. It skips the work Tribuo repeats for every example of an unknown origin: an argsort of the
 * names, a hash set to find duplicates, and a re-canonicalisation of the names.
 */
final class PresortedExample<T extends Output<T>> extends ArrayExample<T> {

    private static final long serialVersionUID = 1L;

    PresortedExample(T output, String[] sortedNames, double[] values) {
        super(output, sortedNames, values);
    }

    @Override
    protected void sort() {
        // the names come sorted; TribuoData checks that once for all rows
    }

    @Override
    public boolean validateExample() {
        return size() > 0;
    }

    @Override
    public void canonicalize(FeatureMap featureMap) {
        // the names are the feature map's own instances already
    }
}
