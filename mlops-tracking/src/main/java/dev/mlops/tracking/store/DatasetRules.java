package dev.mlops.tracking.store;

import dev.mlops.api.DataException;
import dev.mlops.api.DatasetFingerprint;
import dev.mlops.api.Frame;
import dev.mlops.api.FrameCodec;
import dev.mlops.api.FrameCodecs;
import dev.mlops.api.Schema;
import dev.mlops.api.tracking.DatasetVersion;
import dev.mlops.api.tracking.NotFoundException;
import dev.mlops.api.tracking.StoreException;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How every store keeps dataset versions: the frame written by the api's {@link FrameCodec}
 * (mlops-core's CSV, which reads back with the stored schema as an equal frame), its schema as the
 * codec's JSON, an optional profile, and a fingerprint checked again on every load.
 */
public final class DatasetRules {

    private static final Pattern REFERENCE = Pattern.compile("(.+)/([1-9][0-9]{0,8})");

    private DatasetRules() {
    }

    /** A reference split into name and version. */
    public record Reference(String name, int version) {
        @Override
        public String toString() {
            return name + "/" + version;
        }
    }

    /**
     * Splits {@code reference} ({@code adult-train/3}) and checks its name.
     *
     * @throws NotFoundException                    if it is not of that form
     * @throws dev.mlops.api.InvalidInputException if the name is refused
     */
    public static Reference reference(String reference) {
        Matcher matcher = REFERENCE.matcher(java.util.Objects.requireNonNull(reference, "reference"));
        if (!matcher.matches()) {
            throw new NotFoundException("'" + reference + "' is not a dataset reference like adult-train/3");
        }
        return new Reference(StoreNames.check("dataset name", matcher.group(1)), Integer.parseInt(matcher.group(2)));
    }

    /**
     * Checks a frame before it is stored under {@code dataset}: its column names must be valid
     * Unicode text, since they go into the version's schema JSON.
     *
     * @throws DataException naming the column
     */
    public static void check(String dataset, Frame frame) {
        StoreNames.check("dataset name", dataset);
        java.util.Objects.requireNonNull(frame, "frame");
        for (String name : frame.schema().names()) {
            if (Limits.loneSurrogate(name) >= 0) {
                throw new DataException("dataset '" + dataset + "'", 0, Limits.printable(name), null,
                        "the column name holds a lone UTF-16 surrogate, which is not valid Unicode text");
            }
        }
    }

    /**
     * Checks an origin's text (null is no origin).
     *
     * @throws dev.mlops.api.InvalidInputException if a part is not valid Unicode text or holds NUL
     */
    public static void check(dev.mlops.api.tracking.DatasetOrigin origin) {
        if (origin != null) {
            Limits.text("dataset origin kind", origin.kind());
            Limits.text("dataset origin description", origin.description());
            origin.parameters().forEach(p -> Limits.text("dataset origin parameter", p));
        }
    }

    /**
     * The frame's content as stored.
     *
     * @throws DataException when the codec cannot write it, naming the column
     */
    public static byte[] encode(String dataset, Frame frame) {
        try {
            return codec().encode(frame);
        } catch (DataException e) {
            throw new DataException("dataset '" + dataset + "'", 0, e.column().orElse(null), null,
                    "cannot be stored as CSV: " + e.reason(), e);
        }
    }

    /** The frame's profile as JSON, or null when the codec gives none or fails (a profile is optional). */
    public static String profile(Frame frame) {
        try {
            return codec().profileJson(frame).orElse(null);
        } catch (RuntimeException e) {
            return null; // a faulty profiler must not keep a frame from being stored
        }
    }

    /** The schema as the codec's JSON text. */
    public static String schemaJson(Schema schema) {
        return codec().schemaJson(schema);
    }

    /**
     * The schema the codec's JSON text describes.
     *
     * @throws StoreException naming the version when it does not read
     */
    public static Schema schema(String json, String reference) {
        try {
            return codec().schema(json);
        } catch (DataException e) {
            throw new StoreException("dataset " + reference + " has an invalid schema: " + e.getMessage(), e);
        }
    }

    /** The version a store records. */
    public static DatasetVersion version(String name, int version, String fingerprint, Schema schema, long rows,
            Instant created) {
        return new DatasetVersion(name, version, new DatasetFingerprint(fingerprint, schema, rows), created);
    }

    /**
     * Reads stored content back and checks it is the recorded frame.
     *
     * @param where where the content was read from, for errors
     * @throws StoreException if it does not read back, or reads back as other content
     */
    public static Frame decode(byte[] content, DatasetVersion version, String where) {
        Frame frame;
        try {
            frame = codec().decode(content, version.fingerprint().schema());
        } catch (DataException e) {
            throw new StoreException("the content of dataset " + version.reference() + " (" + where
                    + ") does not read back: " + e.getMessage(), e);
        }
        if (!frame.fingerprint().sha256().equals(version.fingerprint().sha256())) {
            throw new StoreException("dataset " + version.reference() + " reads back with fingerprint "
                    + frame.fingerprint().sha256() + ", not the recorded " + version.fingerprint().sha256());
        }
        return frame;
    }

    /** How frames are stored: the api's codec (mlops-core's CSV), so stores need no data library. */
    private static FrameCodec codec() {
        return FrameCodecs.get();
    }
}
