package dev.mlops.core.train.internal;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.Field;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.Schema;
import dev.mlops.core.internal.ClassLabels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import smile.data.DataFrame;
import smile.data.measure.NominalScale;
import smile.data.type.DataTypes;
import smile.data.type.StructField;
import smile.data.type.StructType;
import smile.data.vector.BaseVector;
import smile.data.vector.DoubleVector;
import smile.data.vector.IntVector;

/**
 * Builds Smile structures from a checked prepared frame, column by column: numeric and boolean
 * columns become double vectors, categorical columns integer vectors with a nominal scale over
 * their sorted categories (Smile's trees split nominal columns natively, several times faster than
 * on one-hot columns), and the target integer class indexes or doubles.
 */
final class SmileData {

    private SmileData() {
    }

    /** The categories of each categorical input, sorted, in input order. */
    public static Map<String, List<String>> dictionaries(Frame prepared, Schema inputs) {
        Map<String, List<String>> dictionaries = new LinkedHashMap<>();
        for (Field field : inputs.fields()) {
            if (field.type() == FieldType.CATEGORICAL) {
                CategoricalColumn column = prepared.categorical(field.name());
                TreeSet<String> seen = new TreeSet<>();
                for (int row = 0; row < column.size(); row++) {
                    seen.add(column.value(row));
                }
                dictionaries.put(field.name(), List.copyOf(seen));
            }
        }
        return dictionaries;
    }

    /** The predictors' Smile schema, in input order. */
    public static StructType predictors(Schema inputs, Map<String, List<String>> dictionaries) {
        List<StructField> fields = new ArrayList<>();
        for (Field field : inputs.fields()) {
            fields.add(structField(field.name(), dictionaries.get(field.name())));
        }
        return DataTypes.struct(fields);
    }

    /** The features and target as a Smile data frame (target last). */
    public static DataFrame frame(Frame prepared, String target, Schema inputs, Map<String, List<String>> dictionaries,
            List<String> classes) {
        List<BaseVector<?, ?, ?>> vectors = new ArrayList<>();
        for (Field field : inputs.fields()) {
            Column column = prepared.column(field.name());
            List<String> dictionary = dictionaries.get(field.name());
            if (dictionary != null) {
                vectors.add(IntVector.of(structField(field.name(), dictionary), codes((CategoricalColumn) column,
                        dictionary)));
            } else {
                vectors.add(DoubleVector.of(field.name(), TrainingFrames.numbers(column)));
            }
        }
        vectors.add(classes.isEmpty() ? DoubleVector.of(target, prepared.numeric(target).toArray())
                : IntVector.of(target, classIndexes(prepared.column(target), classes)));
        return DataFrame.of(vectors.toArray(new BaseVector<?, ?, ?>[0]));
    }

    /** The feature matrix, row by row, for Smile's matrix-based algorithms (numbers only). */
    public static double[][] matrix(Frame prepared, Schema inputs) {
        double[][] columns = new double[inputs.size()][];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = TrainingFrames.numbers(prepared.column(inputs.field(i).name()));
        }
        double[][] rows = new double[prepared.rowCount()][columns.length];
        for (int row = 0; row < rows.length; row++) {
            for (int i = 0; i < columns.length; i++) {
                rows[row][i] = columns[i][row];
            }
        }
        return rows;
    }

    /** Each row's class index in {@code classes}. */
    public static int[] classIndexes(Column target, List<String> classes) {
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < classes.size(); i++) {
            index.put(classes.get(i), i);
        }
        int[] y = new int[target.size()];
        for (int row = 0; row < y.length; row++) {
            y[row] = index.get(ClassLabels.label(target, row));
        }
        return y;
    }

    private static StructField structField(String name, List<String> dictionary) {
        return dictionary == null ? new StructField(name, DataTypes.DoubleType)
                : new StructField(name, DataTypes.IntegerType, new NominalScale(dictionary));
    }

    private static int[] codes(CategoricalColumn column, List<String> dictionary) {
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < dictionary.size(); i++) {
            index.put(dictionary.get(i), i);
        }
        int[] byColumnCode = new int[column.dictionarySize()];
        for (int code = 0; code < byColumnCode.length; code++) {
            Integer mapped = index.get(column.label(code));
            byColumnCode[code] = mapped == null ? -1 : mapped;
        }
        int[] codes = new int[column.size()];
        for (int row = 0; row < codes.length; row++) {
            codes[row] = byColumnCode[column.code(row)];
        }
        return codes;
    }
}
