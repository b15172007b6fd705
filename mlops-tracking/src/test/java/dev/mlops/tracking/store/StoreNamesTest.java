package dev.mlops.tracking.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.mlops.api.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoreNamesTest {

    @TempDir
    Path root;

    @ParameterizedTest
    @ValueSource(strings = {"..", ".", "../etc", "..\\windows", "/etc/passwd", "C:\\x", "a/b", "a\\b", "#x", "x;y",
        "%2e%2e", "%2e%2e%2fetc", "a\u0000b", "CON", "con.txt", "Lpt1", "nul.json", "name.", ".hidden", "-dash",
        "ａｄｍｉｎ", "аdmin", "a b", "", "x\u2215y", "x\u2044y", "\u202eexe.txt"})
    void hostileNamesAreRefused(String name) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> StoreNames.check("run name", name));
        assertEquals("run name", e.problems().get(0).field());
    }

    @Test
    void ordinaryNamesAreAccepted() throws IOException {
        for (String name : new String[] {"iris-classifier", "adult_v2", "run.2024-01-01", "A", "x".repeat(250)}) {
            assertEquals(root.toAbsolutePath().resolve(name), StoreNames.resolve(root, "name", name));
        }
        assertThrows(InvalidInputException.class, () -> StoreNames.check("name", "x".repeat(251)));
        assertEquals(root.toAbsolutePath().resolve("models/iris/versions"),
                StoreNames.resolve(root, "name", "models", "iris", "versions"));
    }

    @Test
    void noNameResolvesOutsideTheRoot() {
        qt().withExamples(5_000).forAll(strings().allPossible().ofLengthBetween(0, 12)).checkAssert(name -> {
            try {
                Path resolved = StoreNames.resolve(root, "name", name);
                assertEquals(root.toAbsolutePath().normalize(), resolved.getParent());
            } catch (InvalidInputException refused) {
                // refused names are the expected answer for most of these
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void symbolicLinksInsideTheStoreAreNotFollowed() throws IOException {
        Path outside = Files.createTempDirectory("outside");
        Files.createSymbolicLink(root.resolve("escape"), outside);
        IOException e = assertThrows(IOException.class, () -> StoreNames.resolve(root, "name", "escape", "x"));
        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
    }
}
