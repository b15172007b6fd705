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

    /** Predicts every row of a prepared frame, in order. */
    List<Prediction> predict(Frame prepared);

    /** The identifier of its serialized format, such as {@code tribuo-protobuf}. */
    String format();

    /** The model in {@link #format()}. */
    byte[] serialize();

    /** The backend libraries it depends on, name to version; a loader refuses a mismatch. */
    Map<String, String> backendVersions();
}
