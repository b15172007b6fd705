package dev.mlops.api;

import java.util.Optional;

/**
 * How a store keeps frames: their content as bytes that read back as an equal frame, their schema
 * as JSON, and a profile to show beside them. Stores (the tracker's dataset versions) depend only on
 * this interface, so a store needs no data library of its own; {@code mlops-core} provides the CSV
 * codec, found through {@link FrameCodecs}. Implementations are stateless and thread-safe.
 *
 * @since 0.1
 */
public interface FrameCodec {

    /** The content format's name, recorded with stored content, such as {@code csv}. */
    String format();

    /**
     * The frame's content as bytes that {@link #decode} reads back, with the frame's schema, as an
     * equal frame (same {@link Frame#fingerprint() fingerprint}).
     *
     * @throws DataException if the frame holds a value the format cannot keep, naming column and value
     */
    byte[] encode(Frame frame);

    /**
     * The frame {@link #encode} wrote.
     *
     * @throws DataException if the bytes are not such content, or do not fit {@code schema}
     */
    Frame decode(byte[] content, Schema schema);

    /** The schema as a JSON object. */
    String schemaJson(Schema schema);

    /**
     * The schema {@link #schemaJson} wrote.
     *
     * @throws DataException if the text is not such a schema
     */
    Schema schema(String json);

    /** A profile of the frame as JSON, for people and reports; empty when it cannot be made. */
    Optional<String> profileJson(Frame frame);
}
