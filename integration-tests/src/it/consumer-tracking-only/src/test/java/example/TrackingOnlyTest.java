package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Field;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.Schema;
import dev.mlops.api.tracking.ModelSource;
import dev.mlops.api.tracking.Run;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.tracking.Tracking;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An application that only tracks gets the tracker and the registry, and no ML backend. */
class TrackingOnlyTest {

    @TempDir
    Path dir;

    @Test
    void noMlBackendComesWithTheTracker() {
        List<String> classPath = Arrays.asList(System.getProperty("java.class.path").split(java.io.File.pathSeparator));
        for (String unwanted : List.of("tribuo", "smile", "xgboost4j", "commons-csv", "mlops-core")) {
            assertTrue(classPath.stream().noneMatch(p -> p.contains(unwanted)), unwanted + " is on the class path: "
                    + classPath);
        }
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.tribuo.Model"));
    }

    @Test
    void runsAndTheRegistryWorkAndDatasetsSayWhatTheyNeed() {
        try (Tracker tracker = Tracking.local(dir.resolve("store"))) {
            try (Run run = tracker.experiment("e").start("r")) {
                run.logParam("p", "1");
                run.logMetric("loss", 0.5, 1);
            }
            assertEquals(1, tracker.experiment("e").runs().size());
            assertEquals(1, tracker.registry().register("m", ModelSource.opaque(new byte[] {1})).version());
            IllegalStateException unchecked = assertThrows(IllegalStateException.class,
                    () -> tracker.registry().register("m", ModelSource.of(new byte[] {1})));
            assertTrue(unchecked.getMessage().contains("mlops-core"), unchecked.getMessage());
            Frame frame = Frame.builder(Schema.of(Field.of("x", FieldType.NUMERIC))).add(1.0).build();
            IllegalStateException error = assertThrows(IllegalStateException.class,
                    () -> tracker.datasets().log("d", frame));
            assertTrue(error.getMessage().contains("mlops-core"), error.getMessage());
        }
    }
}
