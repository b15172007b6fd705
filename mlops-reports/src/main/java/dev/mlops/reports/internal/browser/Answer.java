package dev.mlops.reports.internal.browser;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What the browser answers a request with: a status, a content type, the body and any headers of
 * its own (the security headers every answer carries are added by the server).
 */
record Answer(int status, String contentType, byte[] body, Map<String, String> headers) {

    /** A page. */
    static Answer page(int status, String html) {
        return new Answer(status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** A page answered with 200. */
    static Answer page(String html) {
        return page(200, html);
    }
}
