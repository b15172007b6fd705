package dev.mlops.samples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every Java block of {@code docs/guide.md}, compiled and run, each on its own scratch directory. */
class GuideSnippetsTest {

    private static final int BLOCKS = 14;
    private static List<Class<?>> blocks;

    @TempDir
    static Path classes;

    @TempDir
    Path scratch;

    @BeforeAll
    static void compileEveryJavaBlock() throws Exception {
        blocks = MarkdownBlocks.compile(Path.of("../docs/guide.md"), Collections.nCopies(BLOCKS, ""), "GuideBlock",
                classes);
    }

    private String run(int section) throws Exception {
        return MarkdownBlocks.run(blocks.get(section - 1), scratch);
    }

    @Test
    void dataValidationPreparationAndSplits() throws Exception {
        assertTrue(run(1).contains("150 rows, 0 rejected"));
        String report = run(2);
        assertTrue(report.contains("validation: 4 checks, 0 errors, 1 warnings"), report);
        assertTrue(run(3).contains("4 columns; as JSON:"));
        String grouped = run(4);
        assertTrue(grouped.contains("city=other=1.0") && grouped.contains("city=oslo=0.0"), grouped);
        assertTrue(run(5).contains("120 to train, 30 to test"));
    }

    @Test
    void trainingTuningEvaluationAndGates() throws Exception {
        assertTrue(run(6).contains("confidence"));
        assertTrue(run(7).contains("scored"));
        String evaluated = run(8);
        assertTrue(evaluated.contains("accuracy") && evaluated.contains("expected error"), evaluated);
        String gates = run(9);
        assertTrue(gates.contains("GateResult[gate=accuracy >= 0.9, passed=true"), gates);
        assertTrue(gates.contains("GateResult[gate=logLoss <= champion - 0.01, passed=true"), gates);
    }

    @Test
    void trackingRegistryPipelineServingAndTests() throws Exception {
        assertTrue(run(10).contains("'first look' in 'iris': RUNNING"));
        assertTrue(run(11).contains("iris/1: BUNDLE"));
        String pipeline = run(12);
        assertTrue(pipeline.contains("REGISTERED - registered as iris-classifier/1 and named @champion"), pipeline);
        assertTrue(pipeline.strip().endsWith("true"), pipeline);
        String served = run(13);
        assertTrue(served.contains("1 answered setosa"), served);
        assertTrue(Files.readAllLines(scratch.resolve("iris-scored.csv")).size() == 151, served);
        run(14);
    }
}
