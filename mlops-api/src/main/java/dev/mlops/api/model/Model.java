package dev.mlops.api.model;

import dev.mlops.api.Features;
import dev.mlops.api.Frame;
import dev.mlops.api.Prediction;
import java.util.List;

/**
 * A model as its users see it: it takes raw rows as its {@link Signature} describes them and
 * answers with predictions. Immutable and thread-safe.
 *
 * @since 0.1
 */
public interface Model {

    /** What it takes and what it gives. */
    Signature signature();

    /**
     * Predicts one row.
     *
     * @throws dev.mlops.api.InvalidInputException listing every problem of the row against the
     *         signature
     */
    Prediction predict(Features row);

    /** Predicts every row of a frame, in order. */
    List<Prediction> predict(Frame frame);
}
