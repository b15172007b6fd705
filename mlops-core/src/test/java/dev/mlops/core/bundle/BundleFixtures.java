package dev.mlops.core.bundle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.Features;
import dev.mlops.api.Frame;
import dev.mlops.api.Prediction;
import dev.mlops.core.pipeline.Training;
import dev.mlops.core.prep.Prep;
import dev.mlops.core.train.Algorithms;
import dev.mlops.core.train.Iris;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the bundles kept as test resources for one released bundle format, with the predictions
 * the in-memory models gave. Run once per format release; the files are then never regenerated,
 * so {@link BundleFormatCompatibilityTest} proves that old bundles keep loading and predicting the
 * same:
 *
 * <pre>
 * java -cp "$(cat cp.txt):mlops-core/target/classes:mlops-core/target/test-classes" \
 *     dev.mlops.core.bundle.BundleFixtures mlops-core/src/test/resources/bundles/format-2
 * </pre>
 */
public final class BundleFixtures {

    private BundleFixtures() {
    }

    /** The rows every fixture predicts: every tenth iris row, with the species removed. */
    static List<Features> rows(Frame iris, List<String> inputs) {
        List<Features> rows = new ArrayList<>();
        for (int row = 0; row < iris.rowCount(); row += 10) {
            Features.Builder features = Features.builder();
            for (String input : inputs) {
                features.set(input, iris.row(row).get(input));
            }
            rows.add(features.build());
        }
        return rows;
    }

    static Frame irisWithColour() {
        Frame iris = Iris.frame();
        return iris.withColumn(iris.categorical("species").withName("colour"));
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        Clock clock = Clock.fixed(Instant.parse("2026-11-24T00:00:00Z"), ZoneOffset.UTC);
        Frame iris = Iris.frame();
        Map<String, ModelBundle> bundles = new LinkedHashMap<>();
        // from format 2, each bundle also carries its monitoring baseline, held-out parts included
        bundles.put("tribuo-logistic-regression", Training.with(Algorithms.tribuo().logisticRegression()).clock(clock)
                .fit(iris, "species", Prep.chain(Prep.standardize())).withHeldOut(iris));
        bundles.put("tribuo-xgboost", Training.with(Algorithms.tribuo().xgboost().trees(20)).clock(clock)
                .fit(iris, "species", Prep.chain()).withHeldOut(iris));
        bundles.put("smile-gradient-boosting-nominal", Training.with(Algorithms.smile().gradientBoosting().trees(20))
                .clock(clock).fit(irisWithColour().drop("sepal_length"), "species", Prep.chain())
                .withHeldOut(irisWithColour().drop("sepal_length")));
        bundles.put("smile-random-forest-regression", Training.with(Algorithms.smile().randomForestRegression()
                .trees(20)).clock(clock).fit(iris.drop("species"), "petal_width", Prep.chain(Prep.standardize()))
                .withHeldOut(iris.drop("species")));

        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode expected = json.createObjectNode();
        for (Map.Entry<String, ModelBundle> entry : bundles.entrySet()) {
            ModelBundle bundle = entry.getValue();
            bundle.save(out.resolve(entry.getKey() + ".bundle"));
            var predictions = expected.putArray(entry.getKey());
            for (Features row : rows(irisWithColour(), bundle.signature().inputs().names())) {
                Prediction p = bundle.predict(row);
                ObjectNode node = predictions.addObject();
                if (p instanceof Prediction.Classification c) {
                    node.put("label", c.label());
                    ObjectNode probabilities = node.putObject("probabilities");
                    c.probabilities().forEach(probabilities::put);
                } else {
                    node.put("value", ((Prediction.Regression) p).value());
                }
            }
        }
        json.writeValue(out.resolve("expected-predictions.json").toFile(), expected);
    }
}
