package dev.mlops.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PredictionAndErrorsTest {

    @Test
    void classificationChecksItsProbabilities() {
        Prediction.Classification p = Prediction.classification(">50K", Map.of(">50K", 0.7, "<=50K", 0.3));
        assertEquals(0.7, p.probability(">50K"));
        assertTrue(Double.isNaN(p.probability("other")));
        assertThrows(IllegalArgumentException.class, () -> Prediction.classification("a", Map.of("b", 1.0)));
        assertThrows(IllegalArgumentException.class, () -> Prediction.classification("a", Map.of("a", 1.5)));
        assertThrows(IllegalArgumentException.class, () -> Prediction.classification("a", Map.of("a", Double.NaN)));
        assertEquals(Map.of(), Prediction.classification("a").probabilities());
        assertEquals(Prediction.regression(2.5), new Prediction.Regression(2.5));
    }

    @Test
    void aServedPredictionKeepsItsValueAndSaysWhereItCameFrom() {
        Prediction.Classification plain = Prediction.classification("a", Map.of("a", 0.8, "b", 0.2));
        assertTrue(plain.origin().isEmpty());
        assertEquals(0.8, plain.confidence());
        assertTrue(Double.isNaN(Prediction.classification("a").confidence()));
        assertTrue(Double.isNaN(Prediction.regression(1).confidence()));
        Prediction.Origin origin = new Prediction.Origin(PredictionId.next(), "income", 3);
        Prediction served = plain.withOrigin(origin);
        assertEquals(origin, served.origin().orElseThrow());
        assertEquals("a", ((Prediction.Classification) served).label());
        assertEquals(plain.probabilities(), ((Prediction.Classification) served).probabilities());
        assertEquals(origin, Prediction.regression(2).withOrigin(origin).origin().orElseThrow());
        assertThrows(IllegalArgumentException.class, () -> new Prediction.Origin(PredictionId.next(), "m", -1));
    }

    @Test
    void predictionIdsAreUniqueAcrossThreadsAndReadBackFromTheirText() throws Exception {
        java.util.Set<PredictionId> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        List<Thread> threads = new java.util.ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 50_000; i++) {
                    if (!seen.add(PredictionId.next())) {
                        throw new AssertionError("an id came twice");
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(200_000, seen.size());
        PredictionId id = PredictionId.next();
        assertEquals(32, id.toString().length());
        assertEquals(id, PredictionId.parse(id.toString()));
        assertEquals(new PredictionId(-1, 1), PredictionId.parse("ffffffffffffffff0000000000000001"));
        for (String bad : new String[] {null, "", "xyz", "ffffffffffffffff000000000000000g", "f".repeat(33)}) {
            assertThrows(IllegalArgumentException.class, () -> PredictionId.parse(bad), String.valueOf(bad));
        }
    }

    @Test
    void dataExceptionSaysWhatAndWhere() {
        DataException e = new DataException("adult.data", 17, "age", "abc", "is not a number");
        assertEquals("adult.data, line 17, column 'age', value 'abc': is not a number", e.getMessage());
        assertEquals(17, e.line());
        assertEquals("age", e.column().orElseThrow());
        assertTrue(e instanceof MlopsException);
    }

    @Test
    void dataExceptionShortensHugeRawValues() {
        String huge = "x".repeat(1_000_000);
        DataException e = new DataException("f", 1, "c", huge, "too long");
        assertTrue(e.getMessage().length() < 400, "message stays readable");
        assertTrue(e.rawValue().orElseThrow().endsWith("(1000000 chars)"));
    }

    @Test
    void invalidInputListsEveryProblem() {
        InvalidInputException e = new InvalidInputException("prediction request", List.of(
                new InvalidInputException.Problem("age", "is missing"),
                new InvalidInputException.Problem("city", "is not a known category")));
        assertEquals(2, e.problems().size());
        assertEquals("invalid prediction request (2 problems): 'age': is missing; 'city': is not a known category",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new InvalidInputException("x", List.of()));
    }
}
