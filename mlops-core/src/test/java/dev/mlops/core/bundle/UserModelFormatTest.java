package dev.mlops.core.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Frame;
import dev.mlops.api.Prediction;
import dev.mlops.api.model.ModelFormats;
import dev.mlops.core.pipeline.Training;
import dev.mlops.core.prep.Prep;
import dev.mlops.core.train.Iris;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user's own trainer and model format round-trip through a bundle like the built-in backends. */
class UserModelFormatTest {

    @TempDir
    Path dir;

    private final Frame iris = Iris.frame();

    @Test
    void aUsersOwnTrainerRoundTripsThroughABundle() {
        ModelFormats.register(new NearestCentroid.Reader("user-centroids"));
        ModelBundle trained = Training.with(new NearestCentroid.Fit("user-centroids"))
                .fit(iris, "species", Prep.chain(Prep.standardize()));
        Path file = dir.resolve("centroids.bundle");
        trained.save(file);
        ModelBundle loaded = ModelBundle.load(file);
        List<Prediction> before = trained.predict(iris);
        assertEquals(before, loaded.predict(iris));
        long correct = 0;
        for (int row = 0; row < iris.rowCount(); row++) {
            correct += ((Prediction.Classification) before.get(row)).label().equals(iris.categorical("species")
                    .value(row)) ? 1 : 0;
        }
        assertTrue(correct > 120, "a nearest-centroid classifier gets most of Iris right: " + correct);
    }

    @Test
    void aBundleInAFormatNobodyRegisteredIsRefusedSayingHowToRegisterOne() {
        ModelBundle trained = Training.with(new NearestCentroid.Fit("user-centroids-unregistered"))
                .fit(iris, "species", Prep.chain());
        Path file = dir.resolve("unknown.bundle");
        trained.save(file);
        BundleException error = assertThrows(BundleException.class, () -> ModelBundle.load(file));
        assertTrue(error.getMessage().contains("'user-centroids-unregistered'"), error.getMessage());
        assertTrue(error.getMessage().contains("tribuo-protobuf") && error.getMessage().contains("smile-java-serialization"),
                "the known formats are listed: " + error.getMessage());
        assertTrue(error.getMessage().contains("ModelFormats.register"), error.getMessage());
    }
}
