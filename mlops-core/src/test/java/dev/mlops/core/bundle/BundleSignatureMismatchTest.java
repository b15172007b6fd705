package dev.mlops.core.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Schema;
import dev.mlops.api.model.Signature;
import dev.mlops.core.json.SchemaJson;
import dev.mlops.core.pipeline.Training;
import dev.mlops.core.prep.Prep;
import dev.mlops.core.train.Algorithms;
import dev.mlops.core.train.Iris;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A bundle whose parts do not fit is refused at load, naming the misfit, rather than loading and
 * then blaming every request. Each test doctors one JSON entry of a saved bundle and rewrites the
 * manifest's checksums to match, so only the fit check can catch it.
 */
class BundleSignatureMismatchTest {

    private static final ModelBundle PLAIN = Training.with(Algorithms.tribuo().cart().maxDepth(3))
            .fit(Iris.frame(), "species", Prep.chain());
    private static final ModelBundle SCALED = Training.with(Algorithms.tribuo().cart().maxDepth(3))
            .fit(Iris.frame(), "species", Prep.chain(Prep.standardize()));

    @Test
    void aBundleWhoseSignatureNamesDifferFromTheModelsInputsIsRefusedAtLoad() {
        // before the fix this loaded, and predict said "invalid prepared row ... missing"
        BundleException e = assertThrows(BundleException.class, () -> load(PLAIN, "signature.json",
                json -> json.replace("\"petal_width\"", "\"petal_breadth\"")));
        assertEquals("doctored: its parts disagree: the model's inputs differ from what the preparation makes of the"
                + " signature's inputs: the model reads [petal_width], which the preparation does not make; the"
                + " preparation makes [petal_breadth], which the model does not read", e.getMessage());
    }

    @Test
    void signatureInputsInAnotherOrderAreRefusedAtLoad() {
        BundleException e = assertThrows(BundleException.class, () -> load(PLAIN, "signature.json",
                json -> json.replace("\"sepal_length\"", "\"TMP\"").replace("\"sepal_width\"", "\"sepal_length\"")
                        .replace("\"TMP\"", "\"sepal_width\"")));
        assertEquals("doctored: its parts disagree: the model's inputs differ from what the preparation makes of the"
                + " signature's inputs: they are in another order: column 1 is 'sepal_width' after preparation but"
                + " 'sepal_length' for the model", e.getMessage());
    }

    @Test
    void aSignatureInputOfAnotherTypeIsRefusedAtLoad() {
        UnaryOperator<String> categorical = json -> json.replaceFirst(
                "(\"name\" : \"sepal_length\",\\s*\"type\" : )\"numeric\"", "$1\"categorical\"");
        BundleException plain = assertThrows(BundleException.class, () -> load(PLAIN, "signature.json", categorical));
        assertEquals("doctored: its parts disagree: the model's inputs differ from what the preparation makes of the"
                + " signature's inputs: 'sepal_length' is categorical after preparation but numeric for the model",
                plain.getMessage());
        BundleException scaled = assertThrows(BundleException.class, () -> load(SCALED, "signature.json",
                categorical));
        assertTrue(scaled.getMessage().startsWith("doctored: its parts disagree: the preparation cannot be"
                + " applied to the signature's inputs [sepal_length, sepal_width, petal_length, petal_width]: "),
                scaled.getMessage());
    }

    @Test
    void modelInputsThePreparationDoesNotMakeAreRefusedAtLoad() {
        BundleException e = assertThrows(BundleException.class, () -> load(SCALED, "model.json",
                json -> json.replace("\"petal_width\"", "\"petal_breadth\"")));
        assertEquals("doctored: its parts disagree: the model's inputs differ from what the preparation makes of the"
                + " signature's inputs: the model reads [petal_breadth], which the preparation does not make; the"
                + " preparation makes [petal_width], which the model does not read", e.getMessage());
    }

    @Test
    void aModelWhoseLabelsOrTaskDifferFromTheSignatureIsRefusedAtLoad() {
        BundleException labels = assertThrows(BundleException.class, () -> load(PLAIN, "model.json",
                json -> json.replace("\"setosa\"", "\"setosb\"")));
        assertEquals("doctored: its parts disagree: model.json gives the labels [setosb, versicolor, virginica] but"
                + " the signature [setosa, versicolor, virginica]", labels.getMessage());
        BundleException task = assertThrows(BundleException.class, () -> load(PLAIN, "model.json",
                json -> json.replace("\"classification\"", "\"regression\"")));
        assertEquals("doctored: its parts disagree: model.json says the model does regression but the signature says"
                + " CLASSIFICATION", task.getMessage());
    }

    @Test
    void assemblingABundleFromPartsThatDoNotFitIsRefused() {
        Signature signature = PLAIN.signature();
        Schema renamed = SchemaJson.fromJson(SchemaJson.toJson(signature.inputs()).replace("petal_width",
                "petal_breadth"));
        Signature doctored = new Signature(renamed, Map.of(), signature.target(), signature.task(), signature.labels());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelBundle.of(doctored,
                PLAIN.preparation(), PLAIN.model(), PLAIN.profile(), PLAIN.metadata()));
        assertEquals("the model's inputs differ from what the preparation makes of the signature's inputs: the model"
                + " reads [petal_width], which the preparation does not make; the preparation makes [petal_breadth],"
                + " which the model does not read", e.getMessage());
    }

    @Test
    void theUndoctoredBundlesLoad() {
        for (ModelBundle bundle : List.of(PLAIN, SCALED)) {
            assertEquals(bundle.metadata(), load(bundle, "signature.json", json -> json).metadata());
        }
    }

    /** The bundle with {@code entry} rewritten by {@code edit} under an honest manifest, loaded. */
    private static ModelBundle load(ModelBundle bundle, String entry, UnaryOperator<String> edit) {
        Map<String, byte[]> entries = new LinkedHashMap<>(BundleZips.entries(bundle.toBytes()));
        String json = new String(entries.get(entry), StandardCharsets.UTF_8);
        String edited = edit.apply(json);
        entries.put(entry, edited.getBytes(StandardCharsets.UTF_8));
        return ModelBundle.fromBytes(BundleZips.withHonestManifest(entries, ModelBundle.FORMAT), "doctored");
    }
}
