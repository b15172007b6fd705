package dev.mlops.core.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.mlops.api.DataException;

/**
 * JSON for the SDK's value records, read strictly: an unknown or repeated key, trailing text, a
 * fraction where a whole number belongs or a null where a number belongs is an error, and every failure, Jackson's or a record constructor's,
 * is a {@link DataException} naming what was read. Not part of the public API.
 */
public final class StrictJson {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // a count is a whole number: 2.9 is refused, not truncated
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            // NaN and infinities are written as the strings "NaN" and "Infinity", read back into doubles
            // only; a bare NaN token is not JSON
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private StrictJson() {
    }

    /** {@code value} as JSON. */
    public static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * The {@code type} that {@code json} describes.
     *
     * @param what names the text in errors, such as "drift baseline JSON"
     * @throws DataException saying what is wrong, when the text is not a valid {@code type}
     */
    public static <T> T read(String json, Class<T> type, String what) {
        try {
            T value = JSON.readValue(json, type);
            if (value == null) {
                throw new DataException(what, 0, null, null, "holds nothing");
            }
            return value;
        } catch (JacksonException e) {
            throw new DataException(what, e.getLocation() == null ? 0 : e.getLocation().getLineNr(), null, null,
                    "is not valid: " + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new DataException(what, 0, null, null, "is not valid: " + e.getMessage(), e);
        }
    }
}
