package dev.mlops.core.train.internal;

import dev.mlops.api.Schema;
import dev.mlops.api.model.FittedModel;
import dev.mlops.api.model.ModelFormat;
import dev.mlops.api.model.Task;
import java.util.List;
import java.util.Map;

/**
 * Tribuo models (linear, trees, XGBoost) as Tribuo's protobuf: the message's class name is checked
 * to be Tribuo's before Tribuo instantiates anything. Registered through {@code META-INF/services}.
 * Tribuo's protobuf format is compatible within a major version; an XGBoost model's native part
 * is not, so xgboost4j must match exactly.
 */
public final class TribuoFormat implements ModelFormat {

    @Override
    public String name() {
        return TribuoModel.FORMAT;
    }

    @Override
    public Map<String, String> backendVersions() {
        Map<String, String> runtime = Backends.runtimeVersions();
        return Map.of("tribuo", runtime.get("tribuo"), "xgboost4j", runtime.get("xgboost4j"));
    }

    @Override
    public boolean reads(String backend, String writtenWith) {
        String present = backendVersions().get(backend);
        if (present != null && backend.equals("tribuo")) {
            return major(present).equals(major(writtenWith));
        }
        return writtenWith.equals(present);
    }

    @Override
    public FittedModel read(byte[] model, Task task, Schema inputs, List<String> labels) {
        return TribuoModel.read(model, task, inputs, labels);
    }

    private static String major(String version) {
        int dot = version.indexOf('.');
        return dot < 0 ? version : version.substring(0, dot);
    }
}
