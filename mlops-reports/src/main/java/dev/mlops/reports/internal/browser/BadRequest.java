package dev.mlops.reports.internal.browser;

/** A request the browser cannot answer as asked: answered with status 400 and this message. */
final class BadRequest extends RuntimeException {

    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
        super(message);
    }
}
