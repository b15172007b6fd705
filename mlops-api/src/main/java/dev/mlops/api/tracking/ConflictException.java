package dev.mlops.api.tracking;

import dev.mlops.api.MlopsException;

/**
 * A change the store's rules forbid in its current state: re-logging a param with a different
 * value, logging to a run that has ended, deleting a version an alias points at, moving a
 * protected alias to a version that is not approved. Nothing was changed.
 *
 * @since 0.1
 */
public class ConflictException extends MlopsException {

    public ConflictException(String message) {
        super(message);
    }
}
