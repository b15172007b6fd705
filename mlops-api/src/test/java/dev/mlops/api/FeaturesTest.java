package dev.mlops.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeaturesTest {

    @Test
    void normalizesValuesAndKeepsOrder() {
        Features f = Features.of("b", 1, "a", 2.5f, "c", "x", "d", Thread.State.NEW, "e",
                OffsetDateTime.parse("2024-01-01T01:00:00+01:00"), "f", true);
        assertEquals(List.of("b", "a", "c", "d", "e", "f"), List.copyOf(f.names()));
        assertEquals(1.0, f.number("b"));
        assertEquals(2.5, f.number("a"));
        assertEquals("NEW", f.string("d"));
        assertEquals(Instant.parse("2024-01-01T00:00:00Z"), f.timestamp("e"));
        assertTrue(f.bool("f"));
    }

    @Test
    void missingIsNotAbsent() {
        Features f = Features.of("x", null);
        assertTrue(f.contains("x"));
        assertTrue(f.isMissing("x"));
        assertNull(f.get("x"));
        assertFalse(f.contains("y"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.get("y"));
        assertTrue(e.getMessage().contains("[x]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> f.number("x"));
    }

    @Test
    void refusesMalformedArguments() {
        assertThrows(IllegalArgumentException.class, () -> Features.of("a"));
        assertThrows(IllegalArgumentException.class, () -> Features.of(1, 2));
        assertThrows(IllegalArgumentException.class, () -> Features.of("a", 1, "a", 2));
        assertThrows(IllegalArgumentException.class, () -> Features.of("a", new Object()));
        assertThrows(IllegalArgumentException.class, () -> Features.of("a", Long.MAX_VALUE - 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Features.of("a", "text").number("a"));
        assertTrue(e.getMessage().contains("a string"), e.getMessage());
    }

    @Test
    void isImmutableAndComparedByValue() {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("a", 1.0);
        Features f = Features.of(source);
        source.put("b", 2.0);
        assertEquals(1, f.size());
        assertThrows(UnsupportedOperationException.class, () -> f.asMap().put("c", 3.0));
        assertEquals(f, Features.builder().set("a", 1).build());
        assertEquals(Features.of("n", Double.NaN), Features.of("n", Double.NaN));
        Features changed = f.toBuilder().set("a", 5).missing("z").build();
        assertEquals(1.0, f.number("a"));
        assertEquals(5.0, changed.number("a"));
        assertTrue(changed.isMissing("z"));
    }
}
