package dev.mlops.core.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.api.pipeline.Reproducible;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

/**
 * The cache keys of a pipeline's stages: the SHA-256 of the JSON of everything a stage's output
 * depends on. A part given as code has no recipe, so a stage that depends on one has no key (it is
 * always computed), and neither has any stage downstream of it.
 */
final class StageKeys {

    /** Stands for a part that cannot be described by value. */
    static final Object CODE = new Object();
    /** Map entries sorted by key: a key must not depend on a map's iteration order, which {@code Map.of} varies by JVM. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private StageKeys() {
    }

    /** {@code part}'s recipe as a map, or {@link #CODE}. */
    static Object recipe(Object part) {
        return part instanceof Reproducible r ? r.recipe().asMap() : CODE;
    }

    /**
     * {@code part}'s recipe as a map, without what only sets how many threads compute it (a trainer's
     * {@code threads}, a search's parallelism): the output does not depend on them, so a cache shared by
     * machines with other core counts still hits. {@link #CODE} for a part given as code.
     */
    static Object withoutThreads(Object part) {
        if (!(part instanceof Reproducible r)) {
            return CODE;
        }
        return strip(r.recipe()).asMap();
    }

    private static dev.mlops.api.pipeline.Recipe strip(dev.mlops.api.pipeline.Recipe recipe) {
        List<Object> arguments = new ArrayList<>(recipe.arguments());
        if (recipe.kind().equals("trainer") && arguments.get(1) instanceof java.util.Map<?, ?> hyperparameters) {
            java.util.Map<Object, Object> kept = new java.util.LinkedHashMap<>(hyperparameters);
            kept.remove("threads");
            arguments.set(1, kept);
        } else if (recipe.kind().equals("tuning")) {
            arguments.set(0, strip(dev.mlops.api.pipeline.Recipe.fromMap(arguments.get(0))).asMap());
            arguments.set(6, null); // parallelism
        }
        return new dev.mlops.api.pipeline.Recipe(recipe.kind(), arguments);
    }

    /** Every part's recipe, or {@link #CODE} when one has none. */
    static Object recipes(Collection<?> parts) {
        List<Object> all = new ArrayList<>();
        for (Object part : parts) {
            Object recipe = recipe(part);
            if (recipe == CODE) {
                return CODE;
            }
            all.add(recipe);
        }
        return all;
    }

    /**
     * The key of {@code stage} over {@code parts} (values JSON can hold; null for an absent input);
     * null when a part is {@link #CODE} or the key of an upstream stage that has none.
     */
    static String of(String stage, Object... parts) {
        List<Object> all = new ArrayList<>();
        all.add(stage);
        for (Object part : parts) {
            if (part == CODE) {
                return null;
            }
            all.add(part);
        }
        try {
            byte[] json = JSON.writeValueAsBytes(all);
            return HexFormat.of().formatHex(StageCaches.sha256(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stage key could not be written: " + e.getMessage(), e);
        }
    }

    /** {@link #CODE} when {@code key} is null (an upstream stage has no key), else the key. */
    static Object upstream(String key) {
        return key == null ? CODE : key;
    }
}
