package dev.mlops.api.tracking;

import dev.mlops.api.Frame;
import java.util.List;
import java.util.Optional;

/**
 * Named, versioned datasets, stored once by content: logging a frame whose content equals an
 * existing version of the same name returns that version, and equal content under different names
 * shares one stored copy.
 *
 * @since 0.1
 */
public interface Datasets {

    /**
     * Stores {@code frame} as the next version of {@code name}, or returns the existing version with
     * the same content.
     *
     * @throws dev.mlops.api.InvalidInputException if the name is not allowed
     */
    default DatasetVersion log(String name, Frame frame) {
        return log(name, frame, null);
    }

    /**
     * {@link #log(String, Frame)}, recording where the rows came from when the version is new (an
     * existing version with the same content keeps its first origin).
     *
     * @param origin where the rows came from, or null when unknown
     * @throws dev.mlops.api.InvalidInputException if the name is not allowed, or the origin's text is
     *         not valid Unicode or holds NUL
     */
    DatasetVersion log(String name, Frame frame, DatasetOrigin origin);

    /**
     * Where a version's rows came from, when it was logged with an origin.
     *
     * @throws NotFoundException if there is no such version
     */
    Optional<DatasetOrigin> origin(DatasetVersion version);

    /**
     * The version a reference {@code name/3} names.
     *
     * @throws NotFoundException if there is no such version
     */
    DatasetVersion version(String reference);

    /** Every version of {@code name}, oldest first; empty when there is none. */
    List<DatasetVersion> versions(String name);

    /** The newest version of {@code name}, if any. */
    Optional<DatasetVersion> latest(String name);

    /** Every dataset name, sorted. */
    List<String> names();

    /**
     * Reads a version back: a frame equal to the one logged, with the same fingerprint.
     *
     * @throws StoreException if the stored content is damaged
     */
    Frame load(DatasetVersion version);

    /**
     * The data profile stored with a version (column statistics for drift monitoring), as JSON, when
     * the store computed one.
     */
    Optional<String> profileJson(DatasetVersion version);
}
