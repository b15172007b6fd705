package dev.mlops.api.tracking;

import dev.mlops.api.MlopsException;

/**
 * Something a caller named does not exist in the store: a run id, an experiment, a model, a
 * version, an alias, an artifact or a dataset version.
 *
 * @since 0.1
 */
public class NotFoundException extends MlopsException {

    public NotFoundException(String message) {
        super(message);
    }

    public NotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
