package dev.mlops.reports.internal.browser;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request's query parameters, decoded strictly: a malformed percent escape, bytes that are not
 * UTF-8, a NUL or a control character, too long a query or too many parameters is a
 * {@link BadRequest} naming the parameter, never a value silently changed.
 */
final class Parameters {

    /** The longest raw query accepted. */
    static final int MAX_QUERY_LENGTH = 16 * 1024;
    /** The most parameters accepted (a comparison names up to fifty runs). */
    static final int MAX_PARAMETERS = 100;

    private final Map<String, List<String>> values;

    private Parameters(Map<String, List<String>> values) {
        this.values = values;
    }

    /** The parameters of {@code rawQuery} (null for none). */
    static Parameters parse(String rawQuery) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return new Parameters(values);
        }
        if (rawQuery.length() > MAX_QUERY_LENGTH) {
            throw new BadRequest("the query has " + rawQuery.length() + " characters; at most " + MAX_QUERY_LENGTH
                    + " are accepted");
        }
        String[] pairs = rawQuery.split("&", -1);
        if (pairs.length > MAX_PARAMETERS) {
            throw new BadRequest("the query has " + pairs.length + " parameters; at most " + MAX_PARAMETERS
                    + " are accepted");
        }
        for (String pair : pairs) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals), "a parameter name");
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1), "parameter '" + name + "'");
            values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return new Parameters(values);
    }

    /** The one value of {@code name}, or {@code fallback} when it is absent. */
    String get(String name, String fallback) {
        List<String> all = values.get(name);
        if (all == null) {
            return fallback;
        }
        if (all.size() > 1) {
            throw new BadRequest("parameter '" + name + "' is given " + all.size() + " times; once is expected");
        }
        return all.get(0);
    }

    /** The one value of {@code name}. */
    String required(String name) {
        String value = get(name, null);
        if (value == null || value.isEmpty()) {
            throw new BadRequest("parameter '" + name + "' is missing");
        }
        return value;
    }

    /** Every value of {@code name}, in order. */
    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    /** The whole number {@code name} holds, between {@code min} and {@code max}, or {@code fallback}. */
    int number(String name, int fallback, int min, int max) {
        String value = get(name, null);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // the message below says what is expected
        }
        throw new BadRequest("parameter '" + name + "' must be a whole number from " + min + " to " + max);
    }

    private static String decode(String raw, String what) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                if (i + 2 >= raw.length() || Character.digit(raw.charAt(i + 1), 16) < 0
                        || Character.digit(raw.charAt(i + 2), 16) < 0) {
                    throw new BadRequest(what + " holds a malformed percent escape at character " + i);
                }
                bytes.write(Character.digit(raw.charAt(i + 1), 16) * 16 + Character.digit(raw.charAt(i + 2), 16));
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                throw new BadRequest(what + " holds a character that is not percent-encoded");
            }
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new BadRequest(what + " is not UTF-8");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                throw new BadRequest(what + " holds control character U+" + String.format("%04X", (int) c)
                        + " at index " + i);
            }
        }
        return text;
    }
}
