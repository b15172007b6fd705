package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Features;
import dev.mlops.api.Field;
import dev.mlops.api.Prediction;
import dev.mlops.api.tracking.ModelSource;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.core.bundle.ModelBundle;
import dev.mlops.core.data.Csv;
import dev.mlops.core.pipeline.Training;
import dev.mlops.core.prep.Prep;
import dev.mlops.core.train.Algorithms;
import dev.mlops.tracking.Tracking;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an application that follows the README gets: the right versions, training, and our bundles. */
class ConsumerTest {

    @TempDir
    Path dir;

    @Test
    void theVersionsThatMatterAreTheOnesTheSdkIsTestedWith() {
        List<String> classPath = Arrays.asList(System.getProperty("java.class.path").split(java.io.File.pathSeparator));
        assertOnClassPath(classPath, "xgboost4j_2.12-3.4.0.jar");
        assertOnClassPath(classPath, "commons-beanutils-1.11.0.jar");
        assertTrue(classPath.stream().noneMatch(p -> p.contains("xgboost4j_2.12-1.") || p.contains("beanutils-1.9")),
                "an old xgboost4j or beanutils is on the class path: " + classPath);
    }

    @Test
    void itTrainsXGBoostAndLoadsABundleWrittenByTheSdksOwnBuild() throws Exception {
        StringBuilder csv = new StringBuilder("x,y,label\n");
        for (int i = 0; i < 60; i++) {
            csv.append(i % 10).append(',').append(i % 7).append(',').append(i % 10 < 5 ? "low" : "high").append('\n');
        }
        ModelBundle trained = Training.with(Algorithms.tribuo().xgboost().trees(10).seed(1))
                .fit(Csv.reader().readString(csv.toString()).frame(), "label", Prep.chain());
        Prediction prediction = trained.predict(Features.of("x", 1.0, "y", 2.0));
        assertEquals("low", ((Prediction.Classification) prediction).label());
        Path saved = dir.resolve("model.bundle");
        trained.save(saved);
        assertEquals(prediction, ModelBundle.load(saved).predict(Features.of("x", 1.0, "y", 2.0)));

        // written by the SDK's build with xgboost4j 3.4.0: an application with 1.6.2 could not load it
        ModelBundle fixture = ModelBundle.load(Path.of(System.getProperty("fixture.bundle")));
        assertEquals("3.4.0", fixture.metadata().backendVersions().get("xgboost4j"), fixture.metadata().toString());
        Map<String, Object> row = new LinkedHashMap<>();
        for (Field field : fixture.signature().inputs().fields()) {
            List<String> known = fixture.signature().categories().get(field.name());
            row.put(field.name(), known == null ? (Object) 5.0 : known.get(0));
        }
        Prediction.Classification fixed = (Prediction.Classification) fixture.predict(Features.of(row));
        assertEquals(1.0, fixed.probabilities().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-6);

        try (Tracker tracker = Tracking.local(dir.resolve("store"))) {
            var version = tracker.registry().register("consumer", ModelSource.of(Files.readAllBytes(saved)));
            assertEquals(1, tracker.registry().versions("consumer", true).size());
            assertEquals(ModelBundle.load(saved).signature(), version.signature());
        }
    }

    private static void assertOnClassPath(List<String> classPath, String jar) {
        assertTrue(classPath.stream().anyMatch(p -> p.endsWith(jar)), jar + " is not on the class path: " + classPath);
    }
}
