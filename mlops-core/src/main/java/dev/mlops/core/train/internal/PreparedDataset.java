package dev.mlops.core.train.internal;

import java.util.List;
import org.tribuo.Example;
import org.tribuo.ImmutableDataset;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.OutputFactory;
import org.tribuo.Output;
import org.tribuo.provenance.DataProvenance;

/**
 * An immutable Tribuo dataset filled with examples that are valid by construction: dense, with
 * every name of the feature map in sorted order and finite values ({@link TribuoData} checks the
 * frame first). Tribuo's public constructors re-validate and re-canonicalise each example feature
 * by feature, which was most of the conversion time; this one takes the examples as they are.
 */
final class PreparedDataset<T extends Output<T>> extends ImmutableDataset<T> {

    private static final long serialVersionUID = 1L;

    PreparedDataset(List<Example<T>> examples, DataProvenance provenance, OutputFactory<T> factory,
            ImmutableFeatureMap features, ImmutableOutputInfo<T> outputs) {
        super(provenance, factory, features, outputs);
        data.addAll(examples);
    }
}
