package dev.mlops.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.DataException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Review probes of BatchScoring on hostile CSV; prints what happens, asserts what the Javadoc promises. */
class BatchScoringAttackTest {

    private static Predictor predictor;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() {
        predictor = Serving.predictor(Toy.bundle(), "toy");
    }

    private Path csv(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, text.getBytes(StandardCharsets.UTF_8));
        return file;
    }

    private static void show(String title, Path file) throws Exception {
        System.out.println("=== " + title + " (" + file.getFileName() + ")");
        System.out.println(Files.readString(file).replace("\r", "\\r"));
    }

    @Test
    void bomsCrlfQuotesAndRaggedRowsAreScoredOrSetAsideByLine() throws Exception {
        Path in = csv("in.csv", "\uFEFFid,x,z,city,plan,flag\r\n"
                + "\"a\r\nb\",0.3,4,lima,basic,false\r\n"       // line 2-3: quoted CRLF in a pass-through column
                + "c,0.3,4,paris,basic,false\r\n"               // line 4: unseen city
                + "d,0.3,4\r\n"                                 // line 5: ragged
                + "\"e \"\"q\"\"\",,4,lima,basic,true\r\n"      // line 6: quotes, missing x
                + "f,NaN,4,lima,basic,true\r\n"                 // line 7: NaN
                + "g,Infinity,4,lima,basic,true\r\n"            // line 8: Infinity
                + "h,1e400,4,lima,basic,true\r\n"               // line 9: overflow
                + "i,0.3,,lima,basic,true\r\n");                // line 10: missing required z
        BatchResult result = BatchScoring.of(predictor).chunkRows(2).rejectedTo(dir.resolve("rej.csv"))
                .score(in, dir.resolve("out.csv"));
        System.out.println("scored=" + result.scored() + " rejected=" + result.rejected());
        show("out", dir.resolve("out.csv"));
        show("rejected", dir.resolve("rej.csv"));
        List<String> rejected = Files.readAllLines(dir.resolve("rej.csv"));
        assertTrue(rejected.stream().anyMatch(l -> l.startsWith("4,")), "unseen city on line 4");
        assertTrue(rejected.stream().anyMatch(l -> l.startsWith("5,")), "ragged on line 5");
    }

    @Test
    void theOutputAndTheRejectedRowsMustGoToDifferentFiles() throws Exception {
        Path in = csv("in.csv", "x,z,city,plan,flag\n0.3,4,lima,basic,false\n0.3,4,paris,basic,false\n");
        Path same = dir.resolve("same.csv");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BatchScoring.of(predictor).rejectedTo(same).score(in, same));
        assertTrue(e.getMessage().contains("would both go to"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BatchScoring.of(predictor).score(in, in));
        assertFalse(Files.exists(same));
    }

    @Test
    void aClashingColumnIsReportedEvenWhenEveryRowIsRejected() throws Exception {
        Path in = csv("in.csv", "x,z,city,plan,flag,prediction\n0.3,4,paris,basic,false,p\n");
        Throwable thrown = null;
        try {
            BatchScoring.of(predictor).rejectedTo(dir.resolve("rej.csv")).score(in, dir.resolve("out.csv"));
            show("out with clash", dir.resolve("out.csv"));
        } catch (RuntimeException e) {
            thrown = e;
        }
        System.out.println("clash, all rejected: " + thrown);
        assertTrue(thrown instanceof IllegalArgumentException
                && thrown.getMessage().contains("already has a column 'prediction'"), String.valueOf(thrown));
    }

    @Test
    void aStrayQuoteIsReportedOnItsLine() throws Exception {
        StringBuilder text = new StringBuilder("x,z,city,plan,flag\n0.3,4,lima,basic,false\n0.3,4,\"lima,basic,false\n");
        for (int i = 0; i < 20_000; i++) {
            text.append("0.3,4,lima,basic,false\n");
        }
        Path in = csv("in.csv", text.toString());
        DataException e = assertThrows(DataException.class,
                () -> BatchScoring.of(predictor).score(in, dir.resolve("out.csv")));
        System.out.println("stray quote: line=" + e.line() + " message length=" + e.getMessage().length() + ": "
                + e.getMessage().substring(0, Math.min(400, e.getMessage().length())));
        assertEquals(3, e.line(), "the stray quote is on line 3");
    }

    @Test
    void aWrongDelimiterIsNamedInTheError() throws Exception {
        Path in = csv("in.csv", "x;z;city;plan;flag\n0.3;4;lima;basic;false\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BatchScoring.of(predictor).score(in, dir.resolve("out.csv")));
        assertTrue(e.getMessage().contains("the model's inputs [x, z, city, plan, flag] must be columns"),
                e.getMessage());
        assertTrue(e.getMessage().contains("delimiter"), e.getMessage());
    }

    @Test
    void aHugeRejectedFieldIsWrittenOnce() throws Exception {
        String huge = "q".repeat(2_000_000);
        Path in = csv("in.csv", "x,z,city,plan,flag\n0.3,4," + huge + ",basic,false\n");
        BatchScoring.of(predictor).rejectedTo(dir.resolve("rej.csv")).score(in, dir.resolve("out.csv"));
        long size = Files.size(dir.resolve("rej.csv"));
        System.out.println("rejected file for one 2 MB field: " + size + " bytes");
        assertTrue(size < 5_000_000, "the value is repeated in the rejected file: " + size);
    }
}
