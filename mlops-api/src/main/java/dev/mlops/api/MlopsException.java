package dev.mlops.api;

/**
 * The root of every exception the SDK throws on purpose. Unchecked: a caller catches the specific
 * subtype it can handle, or this one to handle all of them. Misuse of an API (a null argument, a
 * negative size) gets the JDK's {@link IllegalArgumentException}, {@link NullPointerException} or
 * {@link IllegalStateException} instead.
 *
 * @since 0.1
 */
public class MlopsException extends RuntimeException {

    public MlopsException(String message) {
        super(message);
    }

    public MlopsException(String message, Throwable cause) {
        super(message, cause);
    }
}
