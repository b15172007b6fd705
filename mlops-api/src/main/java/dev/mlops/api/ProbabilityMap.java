package dev.mlops.api;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The probabilities of a {@link Prediction.Classification}, checked once: only the record's
 * constructor makes one, after checking every value, so a classification made from another's
 * probabilities (a served copy, for instance) need not copy or check them again. Unmodifiable.
 */
final class ProbabilityMap extends AbstractMap<String, Double> {

    private final Map<String, Double> values;

    ProbabilityMap(LinkedHashMap<String, Double> checked) {
        this.values = Collections.unmodifiableMap(checked);
    }

    @Override
    public Set<Entry<String, Double>> entrySet() {
        return values.entrySet();
    }

    @Override
    public Double get(Object key) {
        return values.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return values.containsKey(key);
    }

    @Override
    public int size() {
        return values.size();
    }
}
