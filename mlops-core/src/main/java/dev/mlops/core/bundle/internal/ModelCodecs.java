package dev.mlops.core.bundle.internal;

import dev.mlops.api.Schema;
import dev.mlops.api.model.FittedModel;
import dev.mlops.api.model.ModelFormat;
import dev.mlops.api.model.ModelFormats;
import dev.mlops.api.model.Task;
import dev.mlops.core.bundle.BundleException;
import java.util.List;
import java.util.Map;

/**
 * Turns a bundle's model bytes back into a model through the {@link ModelFormat} its
 * {@code model.json} names, after checking that the format reads the backend versions the model was
 * written with. Runs after every check of the zip, its checksums and its JSON.
 */
final class ModelCodecs {

    /** What the bundle's JSON says the model is; the decoded model must agree. */
    record Expected(Task task, Schema inputs, List<String> labels) {
    }

    private ModelCodecs() {
    }

    /** The format called {@code name}; refused, with the known ones and how to add one, when none is. */
    static ModelFormat format(String name, String source) {
        return ModelFormats.find(name).orElseThrow(() -> new BundleException(source, "holds a model in the format '"
                + name + "', which nothing on this class path reads; known formats: " + ModelFormats.names()
                + ". Add the library that writes it, or register its reader with ModelFormats.register(format) or in"
                + " META-INF/services/" + ModelFormat.class.getName()));
    }

    /**
     * Refuses a model whose backend versions this class path cannot read (xgboost4j and Smile files
     * do not survive a version change; Tribuo's protobuf does within a major version): the format
     * decides, through {@link ModelFormat#reads}.
     */
    static void checkVersions(ModelFormat format, Map<String, String> recorded, String source) {
        Map<String, String> runtime = format.backendVersions();
        for (Map.Entry<String, String> entry : recorded.entrySet()) {
            String library = entry.getKey();
            String wanted = entry.getValue();
            String present = runtime.get(library);
            if (present == null) {
                throw new BundleException(source, "needs " + library + " " + wanted + ", which is not on the class path");
            }
            if (!format.reads(library, wanted)) {
                throw new BundleException(source, "was written with " + library + " " + wanted + " but this class path"
                        + " has " + present + "; " + library + " models do not survive that change, so retrain");
            }
        }
    }

    static FittedModel decode(ModelFormat format, byte[] bytes, Expected expected, String source) {
        FittedModel model;
        try {
            model = format.read(bytes, expected.task(), expected.inputs(), expected.labels());
        } catch (IllegalArgumentException e) {
            throw new BundleException(source, "its model cannot be read: " + e.getMessage(), e);
        }
        if (model == null) {
            throw new BundleException(source, "its model format '" + format.name() + "' read nothing");
        }
        BundleReader.requireTask(model.task(), expected.task(), source);
        return model;
    }
}
