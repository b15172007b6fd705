package dev.mlops.benchmarks;

import dev.mlops.api.Frame;
import java.util.ArrayList;
import java.util.List;
import org.tribuo.Dataset;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/** The Tribuo dataset a user would build by hand from prepared columns: the baselines' input. */
final class HandBuiltDatasets {

    private HandBuiltDatasets() {
    }

    /** One {@code ArrayExample} per row of {@code prepared} (numeric features, categorical target), in a {@code MutableDataset}. */
    static Dataset<Label> of(Frame prepared, String target) {
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> built = new MutableDataset<>(new SimpleDataSourceProvenance("adult", factory), factory);
        List<String> names = new ArrayList<>(prepared.schema().names());
        names.remove(target);
        String[] features = names.toArray(new String[0]);
        double[][] columns = new double[features.length][];
        for (int i = 0; i < features.length; i++) {
            columns[i] = prepared.numeric(features[i]).toArray();
        }
        for (int row = 0; row < prepared.rowCount(); row++) {
            double[] values = new double[features.length];
            for (int i = 0; i < features.length; i++) {
                values[i] = columns[i][row];
            }
            built.add(new ArrayExample<>(new Label(prepared.categorical(target).get(row)), features, values));
        }
        return built;
    }
}
