package dev.mlops.serving;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Loaded model versions, shared by the deployments given it, bounded by count and by the bytes of
 * their bundles (Caffeine's size-based eviction, each version weighing its bundle's size but at
 * least its share of the byte budget, so that the one bound enforces both). A version a deployment serves stays usable when
 * evicted: the deployment holds it; the cache only decides what a later load can skip.
 *
 * @since 0.1
 */
public final class VersionCache {

    private static final VersionCache SHARED = new VersionCache(16, 1L << 30);

    private final Cache<String, Predictor> loaded;
    private final int maxVersions;
    private final long maxBytes;

    private VersionCache(int maxVersions, long maxBytes) {
        this.maxVersions = maxVersions;
        this.maxBytes = maxBytes;
        long maxKib = Math.max(1, maxBytes / 1024);
        // every version weighs at least its share of the budget, so the weight bound also bounds the count
        long share = Math.max(1, maxKib / maxVersions);
        this.loaded = Caffeine.newBuilder()
                .maximumWeight(maxKib)
                .weigher((String key, Predictor predictor) -> (int) Math.min(Integer.MAX_VALUE,
                        Math.max(share, (predictor.artifactBytes() + 1023) / 1024)))
                .executor(Runnable::run)
                .build();
    }

    /**
     * A cache of at most {@code maxVersions} versions and {@code maxBytes} bytes of bundles.
     *
     * @throws IllegalArgumentException if either bound is below 1
     */
    public static VersionCache of(int maxVersions, long maxBytes) {
        if (maxVersions < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("a version cache needs room for at least one version and one byte: "
                    + maxVersions + ", " + maxBytes);
        }
        return new VersionCache(maxVersions, maxBytes);
    }

    /** The JVM-wide cache deployments use unless given another: 16 versions, 1 GiB of bundles. */
    public static VersionCache shared() {
        return SHARED;
    }

    /** How many versions it may hold. */
    public int maxVersions() {
        return maxVersions;
    }

    /** How many bytes of bundles it may hold. */
    public long maxBytes() {
        return maxBytes;
    }

    /** The number of versions held now (after pending evictions). */
    public long size() {
        loaded.cleanUp();
        return loaded.estimatedSize();
    }

    /**
     * The predictor of {@code model/version} whose artifact has {@code sha256}: the digest is part of
     * the key, so two registries (staging and production, say) with different models under the same
     * name and number never share an entry.
     */
    Predictor get(String model, int version, String sha256, Supplier<Predictor> load) {
        Objects.requireNonNull(load, "load");
        String key = model + "/" + version + "@" + sha256;
        Predictor cached = loaded.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        // loaded outside the cache's lock: a slow load does not block other keys, and a failed one is not kept
        Predictor made = load.get();
        loaded.put(key, made);
        return made;
    }
}
