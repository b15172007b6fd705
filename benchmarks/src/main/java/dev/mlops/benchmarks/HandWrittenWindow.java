package dev.mlops.benchmarks;

import dev.mlops.api.FieldType;
import dev.mlops.api.Features;
import dev.mlops.api.Prediction;
import dev.mlops.api.model.Signature;
import java.util.List;

/**
 * The floor of counting requests into a window, written by hand: each input's value read from the
 * request by name and the prediction's label and probabilities, written into preallocated arrays at
 * a given row; no claim, no seal. Columns: the inputs in signature order, then the label (objects)
 * and each class's probability (numbers).
 */
final class HandWrittenWindow {

    final String[] names;
    final boolean[] numeric;
    final List<String> labels;
    final double[][] numbers;
    final Object[][] objects;

    HandWrittenWindow(Signature signature, int rows) {
        names = signature.inputs().names().toArray(String[]::new);
        numeric = new boolean[names.length];
        for (int i = 0; i < names.length; i++) {
            numeric[i] = signature.inputs().field(names[i]).orElseThrow().type() == FieldType.NUMERIC;
        }
        labels = signature.labels();
        numbers = new double[names.length + labels.size()][rows];
        objects = new Object[names.length + 1][rows];
    }

    /** Writes one answered request at row {@code at}. */
    void write(int at, Features row, Prediction prediction) {
        for (int f = 0; f < names.length; f++) {
            Object value = row.get(names[f]);
            if (numeric[f]) {
                numbers[f][at] = value instanceof Number n ? n.doubleValue() : Double.NaN;
            } else {
                objects[f][at] = value;
            }
        }
        Prediction.Classification answer = (Prediction.Classification) prediction;
        objects[names.length][at] = answer.label();
        for (int k = 0; k < labels.size(); k++) {
            numbers[names.length + k][at] = answer.probability(labels.get(k));
        }
    }
}
