package dev.mlops.api.tracking;

import dev.mlops.api.MlopsException;

/**
 * The store could not be read or written: an I/O failure, or stored content that is damaged or
 * was edited by hand into something invalid (a JSON file that does not parse, an artifact whose
 * content no longer matches its SHA-256). The message names the file and the problem.
 *
 * @since 0.1
 */
public class StoreException extends MlopsException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
