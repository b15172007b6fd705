package dev.mlops.core.train.internal;

import dev.mlops.api.Schema;
import dev.mlops.api.model.FittedModel;
import dev.mlops.api.model.ModelFormat;
import dev.mlops.api.model.Task;
import java.util.List;
import java.util.Map;

/**
 * Smile models through Java serialization, read only through {@link SafeDeserialization}'s
 * allow-list and limits. Smile's serialized classes do not survive a version change, so the
 * version must match exactly. Registered through {@code META-INF/services}.
 */
public final class SmileFormat implements ModelFormat {

    @Override
    public String name() {
        return SmileModel.FORMAT;
    }

    @Override
    public Map<String, String> backendVersions() {
        return Backends.smileVersions();
    }

    @Override
    public FittedModel read(byte[] model, Task task, Schema inputs, List<String> labels) {
        return SmileModel.read(model, task, inputs, labels);
    }
}
