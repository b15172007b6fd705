package dev.mlops.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.tracking.ModelRegistry;
import dev.mlops.api.tracking.Tracker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** Each test gets a store of its own, which is gone after the test. */
@ExtendWith(MlopsExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MlopsExtensionTest {

    private static final Set<Path> SEEN = new HashSet<>();

    private static Set<Path> stores() throws IOException {
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.filter(p -> p.getFileName().toString().startsWith("mlops-test-")).collect(Collectors.toSet());
        }
    }

    @Test
    @Order(1)
    void aTestGetsAnEmptyStoreOfItsOwn(Tracker tracker, ModelRegistry registry) throws IOException {
        assertTrue(tracker.experimentNames().isEmpty());
        assertTrue(registry.modelNames().isEmpty());
        tracker.experiment("first").start("a run").close();
        SEEN.addAll(stores());
    }

    @Test
    @Order(2)
    void theNextTestSeesNothingOfItAndItsStoreIsDeleted(Tracker tracker) throws IOException {
        assertTrue(tracker.experimentNames().isEmpty(), "nothing of the first test's store");
        Set<Path> now = stores();
        Set<Path> gone = new HashSet<>(SEEN);
        gone.removeAll(now);
        Set<Path> added = new HashSet<>(now);
        added.removeAll(SEEN);
        assertEquals(1, gone.size(), "the first test's store is deleted: " + SEEN + " then " + now);
        assertEquals(1, added.size(), "this test has one store of its own");
    }
}
