package dev.mlops.core.prep;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.mlops.api.DataException;
import dev.mlops.api.Features;
import dev.mlops.api.Frame;
import dev.mlops.api.Schema;
import java.util.List;

/**
 * Fitted steps applied in order, to a frame for training or batch scoring and to one row for
 * serving, with identical results. Its JSON form ({@code {"steps":[{"step":"scale",...},...]}}) is
 * what a model bundle stores.
 *
 * @param steps the fitted steps, in order
 * @since 0.1
 */
public record FittedChain(List<FittedStep> steps) {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // a repeated key or a second value would let one text mean two things
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    public FittedChain {
        steps = List.copyOf(steps);
    }

    /**
     * Every step applied to {@code frame}.
     *
     * @throws IllegalArgumentException      if a step needs a column that is absent or of another type
     * @throws dev.mlops.api.DataException if a step cannot transform a value
     */
    public Frame transform(Frame frame) {
        Frame current = frame;
        for (FittedStep step : steps) {
            current = step.transform(current);
        }
        return current;
    }

    /**
     * Every step applied to one row; equal to the matching row of {@link #transform(Frame)}.
     *
     * @throws IllegalArgumentException      if a step needs a feature that is absent or of another kind
     * @throws dev.mlops.api.DataException if a step cannot transform a value
     */
    public Features transform(Features row) {
        Features current = row;
        for (FittedStep step : steps) {
            current = step.transform(current);
        }
        return current;
    }

    /**
     * The columns this chain makes of frames with the columns {@code inputs}, in order with their
     * types: what a model trained after it reads.
     *
     * @throws IllegalArgumentException      if a step needs a column that is absent or of another type
     * @throws dev.mlops.api.DataException if a step cannot be applied
     */
    public Schema outputs(Schema inputs) {
        return transform(Frame.empty(inputs)).schema();
    }

    /** The chain's state as JSON. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JacksonException e) {
            throw new IllegalStateException("a fitted chain holds only plain data and always serializes", e);
        }
    }

    /**
     * The chain a JSON text describes.
     *
     * @throws DataException saying what is wrong, when the text is not a valid chain
     */
    public static FittedChain fromJson(String json) {
        try {
            FittedChain chain = JSON.readValue(json, FittedChain.class);
            if (chain == null) {
                throw new DataException("preparation JSON", 0, null, null, "holds no chain");
            }
            return chain;
        } catch (JacksonException e) {
            throw new DataException("preparation JSON", e.getLocation() == null ? 0 : e.getLocation().getLineNr(), null,
                    null, "is not a valid fitted chain: " + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new DataException("preparation JSON", 0, null, null, "is not a valid fitted chain: " + e.getMessage(),
                    e);
        }
    }
}
