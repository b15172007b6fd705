package dev.mlops.core.bundle.internal;

import dev.mlops.api.Schema;
import dev.mlops.api.model.FittedModel;
import dev.mlops.api.model.Task;
import dev.mlops.core.bundle.BundleException;
import dev.mlops.core.train.internal.Backends;
import dev.mlops.core.train.internal.SmileModel;
import dev.mlops.core.train.internal.TribuoModel;
import java.util.List;
import java.util.Map;

/** Turns a bundle's model bytes back into a model, by format, after checking backend versions. */
final class ModelCodecs {

    /** What the bundle's JSON says the model is; the decoded model must agree. */
    record Expected(Task task, Schema inputs, List<String> labels) {
    }

    private ModelCodecs() {
    }

    /**
     * Refuses a model whose backend versions differ from this class path's where that breaks it:
     * xgboost4j and Smile exactly (their files do not survive a version change), Tribuo by major
     * version (its protobuf format is compatible within one).
     */
    static void checkVersions(String format, Map<String, String> recorded, String source) {
        Map<String, String> runtime = Backends.runtimeVersions();
        for (Map.Entry<String, String> entry : recorded.entrySet()) {
            String library = entry.getKey();
            String wanted = entry.getValue();
            String present = runtime.get(library);
            if (present == null) {
                throw new BundleException(source, "needs " + library + " " + wanted + ", which is not on the class path");
            }
            boolean compatible = library.equals("tribuo") ? major(present).equals(major(wanted))
                    : present.equals(wanted);
            if (!compatible) {
                throw new BundleException(source, "was written with " + library + " " + wanted + " but this class path"
                        + " has " + present + "; " + library + " models do not survive that change, so retrain");
            }
        }
    }

    static FittedModel decode(String format, byte[] bytes, Expected expected, String source) {
        FittedModel model;
        try {
            model = switch (format) {
                case TribuoModel.FORMAT -> TribuoModel.read(bytes, expected.task(), expected.inputs(),
                        expected.labels());
                case SmileModel.FORMAT -> SmileModel.read(bytes, expected.task(), expected.inputs(),
                        expected.labels());
                default -> throw new BundleException(source, "holds a model in the unknown format '" + format
                        + "'; this SDK reads " + List.of(TribuoModel.FORMAT, SmileModel.FORMAT));
            };
        } catch (IllegalArgumentException e) {
            throw new BundleException(source, "its model cannot be read: " + e.getMessage(), e);
        }
        BundleReader.requireTask(model.task(), expected.task(), source);
        return model;
    }

    private static String major(String version) {
        int dot = version.indexOf('.');
        return dot < 0 ? version : version.substring(0, dot);
    }
}
