package dev.mlops.core.train.internal;

import dev.mlops.api.Column;
import dev.mlops.api.Frame;
import dev.mlops.api.NumericColumn;
import dev.mlops.api.Schema;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

/**
 * Builds a Tribuo dataset from a checked prepared frame in one pass: feature columns are read once
 * as primitive arrays, names are sorted once, and each row becomes a dense {@link ArrayExample}
 * holding every feature, zeros included.
 */
public final class TribuoData {

    /** A fixed provenance time, so the same frame gives the same dataset provenance. */
    private static final OffsetDateTime EPOCH = OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private TribuoData() {
    }

    /** A classification dataset; {@code target} is categorical or boolean. */
    public static MutableDataset<Label> classification(Frame prepared, String target, Schema inputs) {
        LabelFactory factory = new LabelFactory();
        Column labels = prepared.column(target);
        List<Example<Label>> examples = new ArrayList<>(prepared.rowCount());
        String[] names = TribuoModel.sortedNames(inputs);
        double[][] columns = columns(prepared, names);
        for (int row = 0; row < prepared.rowCount(); row++) {
            examples.add(new ArrayExample<>(new Label(TrainingFrames.label(labels, row)), names, row(columns, row)));
        }
        return new MutableDataset<>(examples, new SimpleDataSourceProvenance("mlops frame", EPOCH, factory), factory);
    }

    /** A regression dataset with one output dimension named {@code target}. */
    public static MutableDataset<Regressor> regression(Frame prepared, String target, Schema inputs) {
        RegressionFactory factory = new RegressionFactory();
        NumericColumn values = prepared.numeric(target);
        List<Example<Regressor>> examples = new ArrayList<>(prepared.rowCount());
        String[] names = TribuoModel.sortedNames(inputs);
        double[][] columns = columns(prepared, names);
        for (int row = 0; row < prepared.rowCount(); row++) {
            examples.add(new ArrayExample<>(new Regressor(target, values.value(row)), names, row(columns, row)));
        }
        return new MutableDataset<>(examples, new SimpleDataSourceProvenance("mlops frame", EPOCH, factory), factory);
    }

    private static double[][] columns(Frame prepared, String[] names) {
        double[][] columns = new double[names.length][];
        for (int i = 0; i < names.length; i++) {
            columns[i] = TrainingFrames.numbers(prepared.column(names[i]));
        }
        return columns;
    }

    private static double[] row(double[][] columns, int row) {
        double[] values = new double[columns.length];
        for (int i = 0; i < columns.length; i++) {
            values[i] = columns[i][row];
        }
        return values;
    }
}
