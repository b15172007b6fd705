package dev.mlops.tracking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.InvalidInputException;
import dev.mlops.api.model.Signature;
import dev.mlops.api.model.Task;
import dev.mlops.api.tracking.ArtifactKind;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bundle goes into the registry and comes back in one call each, on a real file store. */
class ModelRegistrationsTest {

    @TempDir
    Path root;

    @Test
    void aBundleRegisteredFromARunLoadsBackAndPredictsTheSame() {
        Frame frame = frame();
        ModelBundle bundle = bundle(frame);
        try (Tracker tracker = Tracking.local(root, LocalOptions.defaults().workingDirectory(null))) {
            DatasetVersion data = tracker.datasets().log("toy", frame);
            ModelVersion version;
            try (Run run = tracker.experiment("e").start("fit")) {
                version = ModelRegistrations.register(tracker.registry(), "toy-model", bundle, run, data);
                assertArrayEquals(bundle.toBytes(), tracker.artifact(run.id(), "model/toy-model.bundle"));
                assertEquals(run.id(), version.runId());
            }
            assertEquals(bundle.signature(), version.signature());
            assertEquals(ArtifactKind.BUNDLE, version.artifactKind());
            assertEquals(0.9, version.metrics().get("accuracy"));
            assertEquals(java.util.List.of(data.reference()), version.datasets());
            tracker.registry().setAlias("toy-model", "champion", version.version());
            ModelBundle loaded = ModelRegistrations.load(tracker.registry(), "toy-model@champion");
            assertEquals(bundle.predict(frame), loaded.predict(frame));
            tracker.registry().register("not-a-bundle", ModelSource.opaque(new byte[] {1, 2, 3}));
            assertThrows(BundleException.class, () -> ModelRegistrations.load(tracker.registry(), "not-a-bundle/1"));
        }
    }

    @Test
    void bytesThatAreNotALoadableBundleAreRefusedBeforeAnythingIsStored() {
        byte[] good = bundle(frame()).toBytes();
        byte[] doctored = good.clone();
        doctored[doctored.length / 2] ^= 0x20;
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 40);
        try (Tracker tracker = Tracking.local(root, LocalOptions.defaults().workingDirectory(null))) {
            for (byte[] bytes : List.of(new byte[] {1, 2, 3}, new byte[0], doctored, truncated)) {
                InvalidInputException e = assertThrows(InvalidInputException.class,
                        () -> tracker.registry().register("income", ModelSource.of(bytes)));
                assertEquals("artifact", e.problems().get(0).field(), e.getMessage());
                assertTrue(e.getMessage().contains("ModelSource.opaque"), e.getMessage());
            }
            assertEquals(List.of(), tracker.registry().modelNames());
            assertEquals(1, tracker.registry().register("income", ModelSource.of(good)).version());
        }
    }

    @Test
    void aSignatureGivenWithABundleMustBeTheBundlesOwn() {
        ModelBundle bundle = bundle(frame());
        Signature other = new Signature(bundle.signature().inputs(), Map.of(), "other", Task.REGRESSION, List.of());
        try (Tracker tracker = Tracking.local(root, LocalOptions.defaults().workingDirectory(null))) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> tracker.registry()
                    .register("income", ModelSource.of(bundle.toBytes()).signature(other)));
            assertEquals("signature", e.problems().get(0).field(), e.getMessage());
            ModelVersion same = tracker.registry().register("income",
                    ModelSource.of(bundle.toBytes()).signature(bundle.signature()));
            assertEquals(bundle.signature(), same.signature());
        }
    }

    @Test
    void aTypedSignatureReadsBackAfterReopeningTheStore() {
        ModelBundle bundle = bundle(frame());
        try (Tracker tracker = Tracking.local(root, LocalOptions.defaults().workingDirectory(null))) {
            tracker.registry().register("income", ModelSource.of(bundle.toBytes()));
        }
        try (Tracker tracker = Tracking.local(root, LocalOptions.defaults().workingDirectory(null))) {
            ModelVersion version = tracker.registry().version("income/1");
            assertEquals(bundle.signature(), version.signature());
            assertEquals(ArtifactKind.BUNDLE, version.artifactKind());
            assertEquals(List.of("high", "low"), version.signature().labels().stream().sorted().toList());
        }
    }

    @Test
    void aVersionWrittenInFormatOneReadsBackWithItsSignatureAndAsOpaque() throws Exception {
        ModelBundle bundle = bundle(frame());
        try (Tracker tracker = Tracking.local(root, LocalOptions.defaults().workingDirectory(null))) {
            tracker.registry().register("income", ModelSource.of(bundle.toBytes()));
        }
        // what the store wrote before kinds and typed signatures: format 1, no kind, the signature as text
        Path file = root.resolve("registry/income/versions/1.json");
        ObjectMapper json = new ObjectMapper();
        ObjectNode document = (ObjectNode) json.readTree(file.toFile());
        ObjectNode version = (ObjectNode) document.get("version");
        version.remove("artifactKind");
        version.put("signature", bundle.signatureJson());
        document.put("format", 1);
        Files.write(file, json.writeValueAsBytes(document));
        try (Tracker tracker = Tracking.local(root, LocalOptions.defaults().workingDirectory(null))) {
            ModelVersion read = tracker.registry().version("income/1");
            assertEquals(bundle.signature(), read.signature());
            assertEquals(ArtifactKind.OPAQUE, read.artifactKind());
            assertEquals(bundle.predict(frame()), ModelRegistrations.load(tracker.registry(), "income/1")
                    .predict(frame()));
        }
    }

    private static Frame frame() {
        StringBuilder csv = new StringBuilder("x,y,label\n");
        for (int i = 0; i < 60; i++) {
            csv.append(i % 10).append(',').append(i % 7).append(',').append(i % 10 < 5 ? "low" : "high").append('\n');
        }
        return Csv.reader().readString(csv.toString()).frame();
    }

    private static ModelBundle bundle(Frame frame) {
        return Training.with(Algorithms.tribuo().logisticRegression().seed(3))
                .fit(frame, "label", Prep.chain(Prep.standardize())).withMetrics(Map.of("accuracy", 0.9));
    }
}
