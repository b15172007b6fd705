package dev.mlops.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrameFromObjectsTest {

    enum Plan { FREE, PRO }

    record Customer(String id, int age, Double spend, boolean active, Plan plan, LocalDate since) {
    }

    record Unsupported(String id, List<String> tags) {
    }

    @Test
    void recordsBecomeTypedColumns() {
        Frame frame = Frame.fromRecords(Customer.class, List.of(
                new Customer("c1", 34, 12.5, true, Plan.PRO, LocalDate.of(2020, 1, 2)),
                new Customer("c2", 51, null, false, null, null)));
        assertEquals(Schema.of(Field.categorical("id"), Field.numeric("age"), Field.numeric("spend"),
                Field.bool("active"), Field.categorical("plan"), Field.timestamp("since")), frame.schema());
        assertEquals(34.0, frame.numeric("age").value(0));
        assertTrue(frame.numeric("spend").isMissing(1));
        assertEquals("PRO", frame.categorical("plan").value(0));
        assertEquals(Instant.parse("2020-01-02T00:00:00Z"), frame.timestamp("since").value(0));
    }

    @Test
    void anEmptyRecordListStillHasItsColumns() {
        Frame frame = Frame.fromRecords(Customer.class, List.of());
        assertEquals(6, frame.columnCount());
        assertEquals(0, frame.rowCount());
    }

    @Test
    void componentsWithoutAColumnTypeAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Frame.fromRecords(Unsupported.class, List.of()));
        assertTrue(e.getMessage().contains("'tags'"), e.getMessage());
    }

    @Test
    void mapsInferTypesFromTheirValues() {
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("a", 1);
        first.put("b", null);
        Map<String, Object> second = new LinkedHashMap<>();
        second.put("b", "x");
        second.put("c", true);
        Frame frame = Frame.fromMaps(List.of(first, second));
        assertEquals(Schema.of(Field.numeric("a"), Field.categorical("b"), Field.bool("c")), frame.schema());
        assertTrue(frame.numeric("a").isMissing(1));
        assertEquals("x", frame.categorical("b").value(1));
    }

    @Test
    void mapsWithContradictingTypesListTheProblems() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Frame.fromMaps(List.of(Map.of("a", 1), Map.of("a", "one"))));
        assertEquals("a", e.problems().get(0).field());
        assertTrue(e.getMessage().contains("row 1"), e.getMessage());
    }

    @Test
    void unsupportedValueTypesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Frame.fromMaps(List.of(Map.of("a", new Object()))));
    }
}
