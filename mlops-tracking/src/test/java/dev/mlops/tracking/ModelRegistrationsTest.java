package dev.mlops.tracking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mlops.api.Frame;
import dev.mlops.api.tracking.DatasetVersion;
import dev.mlops.api.tracking.ModelSource;
import dev.mlops.api.tracking.ModelVersion;
import dev.mlops.api.tracking.Run;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.core.bundle.BundleException;
import dev.mlops.core.bundle.ModelBundle;
import dev.mlops.core.data.Csv;
import dev.mlops.core.pipeline.ModelRegistrations;
import dev.mlops.core.pipeline.Training;
import dev.mlops.core.prep.Prep;
import dev.mlops.core.train.Algorithms;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bundle goes into the registry and comes back in one call each, on a real file store. */
class ModelRegistrationsTest {

    @TempDir
    Path root;

    @Test
    void aBundleRegisteredFromARunLoadsBackAndPredictsTheSame() {
        StringBuilder csv = new StringBuilder("x,y,label\n");
        for (int i = 0; i < 60; i++) {
            csv.append(i % 10).append(',').append(i % 7).append(',').append(i % 10 < 5 ? "low" : "high").append('\n');
        }
        Frame frame = Csv.reader().readString(csv.toString()).frame();
        ModelBundle bundle = Training.with(Algorithms.tribuo().logisticRegression().seed(3))
                .fit(frame, "label", Prep.chain(Prep.standardize())).withMetrics(Map.of("accuracy", 0.9));
        try (Tracker tracker = Tracking.local(root, LocalOptions.defaults().workingDirectory(null))) {
            DatasetVersion data = tracker.datasets().log("toy", frame);
            ModelVersion version;
            try (Run run = tracker.experiment("e").start("fit")) {
                version = ModelRegistrations.register(tracker.registry(), "toy-model", bundle, run, data);
                assertArrayEquals(bundle.toBytes(), tracker.artifact(run.id(), "model/toy-model.bundle"));
                assertEquals(run.id(), version.runId());
            }
            assertEquals(bundle.signatureJson(), version.signature());
            assertEquals(0.9, version.metrics().get("accuracy"));
            assertEquals(java.util.List.of(data.reference()), version.datasets());
            tracker.registry().setAlias("toy-model", "champion", version.version());
            ModelBundle loaded = ModelRegistrations.load(tracker.registry(), "toy-model@champion");
            assertEquals(bundle.predict(frame), loaded.predict(frame));
            tracker.registry().register("not-a-bundle", ModelSource.of(new byte[] {1, 2, 3}));
            assertThrows(BundleException.class, () -> ModelRegistrations.load(tracker.registry(), "not-a-bundle/1"));
        }
    }
}
