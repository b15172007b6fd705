package dev.mlops.api.tracking;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Immutable sorted copies, so values print and compare the same however they were built. */
final class Maps {

    private Maps() {
    }

    static <V> SortedMap<String, V> sorted(Map<String, V> map) {
        TreeMap<String, V> copy = new TreeMap<>();
        map.forEach((key, value) -> copy.put(java.util.Objects.requireNonNull(key, "key"),
                java.util.Objects.requireNonNull(value, () -> "value of " + key)));
        return Collections.unmodifiableSortedMap(copy);
    }
}
