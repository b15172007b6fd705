package dev.mlops.core.data.internal;

import dev.mlops.api.Frame;
import dev.mlops.api.FrameCodec;
import dev.mlops.api.Schema;
import dev.mlops.core.data.Csv;
import dev.mlops.core.json.SchemaJson;
import dev.mlops.core.profile.DataProfile;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Frames as CSV (UTF-8, the writer's exact form, which reads back with the schema as an equal
 * frame), schemas in the SDK's schema JSON, and the {@link DataProfile} as the profile. The codec
 * the tracker's dataset versions use; registered through {@code META-INF/services}.
 */
public final class CsvFrameCodec implements FrameCodec {

    @Override
    public String format() {
        return "csv";
    }

    @Override
    public byte[] encode(Frame frame) {
        return Csv.writer().writeString(frame).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Frame decode(byte[] content, Schema schema) {
        return Csv.reader().schema(schema).readString(new String(content, StandardCharsets.UTF_8)).frame();
    }

    @Override
    public String schemaJson(Schema schema) {
        return SchemaJson.toJson(schema);
    }

    @Override
    public Schema schema(String json) {
        return SchemaJson.fromJson(json);
    }

    /** The profile, or empty for frames the profiler cannot summarise (it is optional). */
    @Override
    public Optional<String> profileJson(Frame frame) {
        try {
            return Optional.of(DataProfile.of(frame).toJson());
        } catch (RuntimeException e) {
            return Optional.empty(); // a profile is an extra: a frame it cannot summarise is still stored
        }
    }
}
