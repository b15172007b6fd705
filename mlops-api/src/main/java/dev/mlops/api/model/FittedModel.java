package dev.mlops.api.model;

import dev.mlops.api.Features;
import dev.mlops.api.Frame;
import dev.mlops.api.Prediction;
import dev.mlops.api.Schema;
import java.util.List;
import java.util.Map;

/**
 * A trained backend model. It predicts <em>prepared</em> rows, shaped like its training frame
 * without the target; {@link Model} adds the preparation in front of it. Immutable and thread-safe.
 *
 * @since 0.1
 */
public interface FittedModel {

    /** Whether it classifies or regresses. */
    Task task();

    /** The columns it reads, in order, with their types. */
    Schema inputs();

    /** For a classifier, its labels in the model's order; empty for a regression. */
    List<String> labels();

    /** Whether its classifications carry probabilities. */
    boolean probabilistic();

    /** Predicts one prepared row. */
    Prediction predict(Features prepared);

    /**
     * Predicts one prepared row held as numbers in {@link #inputs()} order (a boolean input as 0 or
     * 1), for models whose inputs are all numeric or boolean: the compiled prediction path calls it
     * to skip building a {@link Features} per row. It must give what {@link #predict(Features)} gives
     * for the same row; by default it builds that row and calls it, and backends override it.
     *
     * @param values one finite number per input; not kept, and not changed
     * @throws dev.mlops.api.InvalidInputException if a value is not finite, or the row does not fit
     * @throws IllegalArgumentException            if {@code values} does not have one value per input
     */
    default Prediction predictNumbers(double[] values) {
        Schema inputs = inputs();
        if (values.length != inputs.size()) {
            throw new IllegalArgumentException("expected " + inputs.size() + " values, one per input, got "
                    + values.length);
        }
        Features.Builder row = Features.builder();
        for (int i = 0; i < values.length; i++) {
            var field = inputs.field(i);
            if (field.type() == dev.mlops.api.FieldType.BOOLEAN) {
                row.set(field.name(), values[i] != 0);
            } else {
                row.set(field.name(), values[i]);
            }
        }
        return predict(row.build());
    }

    /** Predicts every row of a prepared frame, in order. */
    List<Prediction> predict(Frame prepared);

    /** The identifier of its serialized format, such as {@code tribuo-protobuf}. */
    String format();

    /** The model in {@link #format()}. */
    byte[] serialize();

    /** The backend libraries it depends on, name to version; a loader refuses a mismatch. */
    Map<String, String> backendVersions();
}
