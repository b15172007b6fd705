package dev.mlops.api.pipeline;

import java.util.Optional;

/**
 * Where a pipeline keeps the outputs of its costly stages (the fitted preparation, the trained
 * model, the metrics), each under a key that hashes everything the output depends on: the stage's
 * configuration, its inputs' content fingerprints, and the SDK and backend versions. A pipeline run
 * with the same cache reads an unchanged stage instead of computing it again, and a run that failed
 * in one stage resumes there. Implementations must be safe for concurrent use and must never return
 * bytes other than those put under the key (a damaged entry is a miss).
 *
 * @since 0.1
 */
public interface StageCache {

    /**
     * The bytes put under {@code key}, if any are there intact.
     *
     * @param key 64 lower-case hexadecimal characters (a SHA-256)
     */
    Optional<byte[]> get(String key);

    /**
     * Keeps {@code value} under {@code key}; a failure to keep it is not an error of the run (the
     * stage is computed again next time).
     *
     * @param key 64 lower-case hexadecimal characters (a SHA-256)
     */
    void put(String key, byte[] value);
}
