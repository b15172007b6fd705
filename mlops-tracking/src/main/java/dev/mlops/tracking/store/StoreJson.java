package dev.mlops.tracking.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.mlops.api.tracking.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The store's JSON: pretty-printed so people can read it, strict on read (unknown fields, missing
 * values and trailing content are errors), with instants as ISO-8601 text. Every read error names
 * the file.
 */
public final class StoreJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .addModule(new SimpleModule("instants")
                    .addSerializer(Instant.class, new JsonSerializer<>() {
                        @Override
                        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider)
                                throws IOException {
                            gen.writeString(value.toString());
                        }
                    })
                    .addDeserializer(Instant.class, new JsonDeserializer<>() {
                        @Override
                        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                            String text = parser.getValueAsString();
                            try {
                                return Instant.parse(text);
                            } catch (DateTimeParseException | NullPointerException e) {
                                return (Instant) context.handleWeirdStringValue(Instant.class, text,
                                        "not an ISO-8601 instant");
                            }
                        }
                    }))
            .addModule(SignatureJson.module())
            .build();

    private StoreJson() {
    }

    /** The shared mapper (thread-safe once configured); Jackson stays out of public signatures. */
    static ObjectMapper mapper() {
        return MAPPER;
    }

    /** {@code value} as UTF-8 JSON bytes. */
    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** {@code value} as JSON text, as {@link #bytes} writes it. */
    public static String text(Object value) {
        return new String(bytes(value), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Parses {@code bytes} read from {@code source}; a problem names the source. */
    public static <T> T parse(byte[] bytes, Class<T> type, String source) {
        try {
            T value = MAPPER.readValue(bytes, type);
            if (value == null) {
                throw new StoreException(source + " is not a valid " + type.getSimpleName() + ": it holds null");
            }
            return value;
        } catch (IOException | RuntimeException e) {
            if (e instanceof StoreException stored) {
                throw stored;
            }
            throw new StoreException(source + " is not a valid " + describe(type) + ": " + reason(e), e);
        }
    }

    /** Store documents larger than this are refused on read: no document the store writes comes close. */
    public static final int MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;

    /**
     * Reads {@code file}, or empty when it does not exist. A symbolic link at {@code file} is
     * refused, not followed, and so is a file over {@value #MAX_DOCUMENT_BYTES} bytes.
     */
    public static <T> Optional<T> read(Path file, Class<T> type) {
        byte[] bytes;
        try {
            bytes = readBounded(file, MAX_DOCUMENT_BYTES);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StoreException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return Optional.of(parse(bytes, type, file.toString()));
    }

    /** The bytes of {@code file}, opened without following a link, refused when over {@code max} bytes. */
    public static byte[] readBounded(Path file, int max) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            long size = channel.size();
            if (size > max) {
                throw new IOException("it holds " + size + " bytes; at most " + max + " are read");
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) size);
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // read until full or end of file
            }
            if (buffer.hasRemaining()) {
                throw new IOException("it shrank while being read");
            }
            return buffer.array();
        } catch (FileSystemException e) {
            if (e instanceof NoSuchFileException) {
                throw e;
            }
            if (Files.isSymbolicLink(file)) {
                throw new IOException("it is a symbolic link; the store does not follow links", e);
            }
            throw e;
        }
    }

    /** Whether {@code text} is one valid JSON value. */
    public static String problem(String text) {
        try {
            MAPPER.readTree(text);
            return text.isBlank() ? "it is empty" : null;
        } catch (JsonProcessingException e) {
            return firstLine(e);
        }
    }

    private static String reason(Exception e) {
        if (e instanceof com.fasterxml.jackson.databind.exc.ValueInstantiationException invalid
                && invalid.getCause() != null) {
            Throwable cause = invalid.getCause();
            return cause instanceof NullPointerException ? "'" + cause.getMessage() + "' is missing or null"
                    : firstLine(cause);
        }
        return firstLine(e);
    }

    private static String describe(Class<?> type) {
        String name = type.getSimpleName();
        return name.endsWith("Document") ? name.substring(0, name.length() - "Document".length()) + " document"
                : name;
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
