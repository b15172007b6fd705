package dev.mlops.core.train.internal;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a Smile model's bundle entry holds: how to call the model, the categories of its nominal
 * inputs, and the Smile model itself. A record, so Java deserialization goes through its canonical
 * constructor and its checks.
 *
 * @param kind         {@link SmileModel.Kind} name
 * @param dictionaries categories of each nominal input, in code order
 * @param model        the Smile model
 */
record SmilePayload(String kind, LinkedHashMap<String, ArrayList<String>> dictionaries, Object model)
        implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    SmilePayload {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(dictionaries, "dictionaries");
        Objects.requireNonNull(model, "model");
        SmileModel.Kind.valueOf(kind);
    }

    static SmilePayload of(SmileModel.Kind kind, Map<String, List<String>> dictionaries, Object model) {
        LinkedHashMap<String, ArrayList<String>> copy = new LinkedHashMap<>();
        dictionaries.forEach((name, values) -> copy.put(name, new ArrayList<>(values)));
        return new SmilePayload(kind.name(), copy, model);
    }
}
