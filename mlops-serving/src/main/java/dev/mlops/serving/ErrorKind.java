package dev.mlops.serving;

import dev.mlops.api.DataException;
import dev.mlops.api.InvalidInputException;

/**
 * Why a request failed, as counted in the metrics.
 *
 * @since 0.1
 */
public enum ErrorKind {
    /** The request did not fit the signature ({@link InvalidInputException}). */
    INVALID_INPUT,
    /** The preparation refused a value ({@link DataException}). */
    DATA,
    /** Anything else: the model itself failed. */
    MODEL,
    /**
     * A shadow's answer came later than the deployment's shadow timeout (or its turn came after it):
     * discarded, not compared. Only shadows time out; callers are answered by the primary.
     */
    TIMEOUT;

    static ErrorKind of(Throwable error) {
        if (error instanceof InvalidInputException) {
            return INVALID_INPUT;
        }
        return error instanceof DataException ? DATA : MODEL;
    }
}
