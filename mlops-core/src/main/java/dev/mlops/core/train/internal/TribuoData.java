package dev.mlops.core.train.internal;

import dev.mlops.api.Column;
import dev.mlops.api.Frame;
import dev.mlops.api.NumericColumn;
import dev.mlops.api.Schema;
import dev.mlops.core.internal.ClassLabels;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.tribuo.Example;
import org.tribuo.ImmutableDataset;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.MutableOutputInfo;
import org.tribuo.Output;
import org.tribuo.OutputFactory;
import org.tribuo.RealInfo;
import org.tribuo.VariableInfo;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

/**
 * Builds a Tribuo dataset from a checked prepared frame: feature columns are read once as
 * primitive arrays, names are sorted once, and each row becomes a dense {@link ArrayExample}
 * holding every feature, zeros included, with names sorted once for all rows ({@link PresortedExample}). The feature and output domains are computed column by
 * column and handed to a {@link PreparedDataset}, which skips the per-value bookkeeping of
 * {@code MutableDataset} (a hash update and boxed value per cell) and the per-feature
 * re-validation of Tribuo's public constructors, the bulk of the conversion cost.
 * Feature ids follow the sorted names, as Tribuo assigns them.
 */
public final class TribuoData {

    /** A fixed provenance time, so the same frame gives the same dataset provenance. */
    private static final OffsetDateTime EPOCH = OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private TribuoData() {
    }

    /** A classification dataset; {@code target} is categorical or boolean. */
    public static ImmutableDataset<Label> classification(Frame prepared, String target, Schema inputs) {
        LabelFactory factory = new LabelFactory();
        Column labels = prepared.column(target);
        List<Label> outputs = new ArrayList<>(prepared.rowCount());
        for (int row = 0; row < prepared.rowCount(); row++) {
            outputs.add(new Label(ClassLabels.label(labels, row)));
        }
        return dataset(prepared, inputs, factory, outputs);
    }

    /** A regression dataset with one output dimension named {@code target}. */
    public static ImmutableDataset<Regressor> regression(Frame prepared, String target, Schema inputs) {
        RegressionFactory factory = new RegressionFactory();
        NumericColumn values = prepared.numeric(target);
        List<Regressor> outputs = new ArrayList<>(prepared.rowCount());
        for (int row = 0; row < prepared.rowCount(); row++) {
            outputs.add(new Regressor(target, values.value(row)));
        }
        return dataset(prepared, inputs, factory, outputs);
    }

    private static <T extends Output<T>> ImmutableDataset<T> dataset(Frame prepared, Schema inputs,
            OutputFactory<T> factory, List<T> outputs) {
        String[] names = TribuoModel.sortedNames(inputs);
        for (int i = 1; i < names.length; i++) {
            if (names[i - 1].compareTo(names[i]) >= 0) {
                throw new IllegalStateException("feature names are not sorted and unique at " + names[i]);
            }
        }
        double[][] columns = columns(prepared, names);
        List<VariableInfo> domain = new ArrayList<>(names.length);
        for (int i = 0; i < names.length; i++) {
            domain.add(realInfo(names[i], columns[i]));
        }
        MutableOutputInfo<T> outputInfo = factory.generateInfo();
        List<Example<T>> examples = new ArrayList<>(outputs.size());
        for (int row = 0; row < outputs.size(); row++) {
            outputInfo.observe(outputs.get(row));
            examples.add(new PresortedExample<>(outputs.get(row), names, row(columns, row)));
        }
        return new PreparedDataset<>(examples, new SimpleDataSourceProvenance("mlops frame", EPOCH, factory), factory,
                new ImmutableFeatureMap(domain), outputInfo.generateImmutableOutputInfo());
    }

    /** The statistics Tribuo keeps of a real-valued feature: count, max, min, mean and sum of squared deviations. */
    private static RealInfo realInfo(String name, double[] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double mean = 0;
        for (double v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
            mean += v;
        }
        mean /= values.length;
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return new RealInfo(name, values.length, max, min, mean, squares);
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
