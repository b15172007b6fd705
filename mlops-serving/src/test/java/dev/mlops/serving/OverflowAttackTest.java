package dev.mlops.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Features;
import dev.mlops.api.Frame;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A finite input that the preparation turns into infinity: the row path refuses it, the frame path scores it. */
class OverflowAttackTest {

    @TempDir
    Path dir;

    @Test
    void aValueThePreparationOverflowsIsRefusedAlikeByTheRowTheFrameAndTheBatch() throws Exception {
        Predictor predictor = Serving.predictor(Toy.bundle(), "toy");
        double x = Double.MAX_VALUE;
        Features row = Features.of("x", x, "z", 4, "city", "lima", "plan", "basic", "flag", false);
        String single;
        try {
            single = String.valueOf(predictor.predict(row));
        } catch (RuntimeException e) {
            single = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        String framed;
        try {
            framed = String.valueOf(predictor.predict(Frame.fromMaps(predictor.signature().inputs(), java.util.List.of(row.asMap()))));
        } catch (RuntimeException e) {
            framed = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        Path in = dir.resolve("in.csv");
        Files.writeString(in, "x,z,city,plan,flag\n" + x + ",4,lima,basic,false\n");
        String batch;
        try {
            BatchResult r = BatchScoring.of(predictor).score(in, dir.resolve("out.csv"));
            batch = "scored " + r.scored() + ": " + Files.readString(dir.resolve("out.csv"));
        } catch (RuntimeException e) {
            batch = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        System.out.println("SINGLE: " + single + "\nFRAME: " + framed + "\nBATCH: " + batch);
        assertEquals(single.startsWith("InvalidInputException"), framed.startsWith("InvalidInputException"),
                "single: " + single + " / frame: " + framed);
        assertTrue(single.startsWith("InvalidInputException"), single);
        assertTrue(batch.startsWith("DataException") && batch.contains("line 2"), batch);
    }
}
