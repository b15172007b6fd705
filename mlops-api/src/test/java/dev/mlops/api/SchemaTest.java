package dev.mlops.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaTest {

    private final Schema schema = Schema.of(Field.numeric("age"), Field.categorical("city").required(),
            Field.bool("member"));

    @Test
    void looksUpFieldsByNameAndPosition() {
        assertEquals(3, schema.size());
        assertEquals(List.of("age", "city", "member"), schema.names());
        assertEquals(1, schema.indexOf("city"));
        assertEquals(-1, schema.indexOf("nope"));
        assertFalse(schema.field("city").orElseThrow().nullable());
        assertTrue(schema.field("nope").isEmpty());
        assertEquals(FieldType.BOOLEAN, schema.field(2).type());
    }

    @Test
    void refusesDuplicateNamesSayingWhere() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Schema.of(Field.numeric("a"), Field.text("b"), Field.bool("a")));
        assertTrue(e.getMessage().contains("'a'") && e.getMessage().contains("0 and 2"), e.getMessage());
    }

    @Test
    void requireNamesTheKnownFields() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> schema.require("agee"));
        assertTrue(e.getMessage().contains("[age, city, member]"), e.getMessage());
    }

    @Test
    void selectKeepsTheGivenOrder() {
        assertEquals(List.of("member", "age"), schema.select(List.of("member", "age")).names());
    }

    @Test
    void fieldsRefuseEmptyOrNullNames() {
        assertThrows(IllegalArgumentException.class, () -> Field.numeric(""));
        assertThrows(NullPointerException.class, () -> Field.numeric(null));
        assertThrows(NullPointerException.class, () -> new Field("x", null, true));
    }

    @Test
    void equalityIsByFields() {
        assertEquals(schema, Schema.of(schema.fields()));
        assertEquals(schema.hashCode(), Schema.of(schema.fields()).hashCode());
        assertFalse(schema.equals(Schema.of(Field.numeric("age"))));
    }

    @Test
    void typeNamesRoundTripAndUnknownOnesAreNamed() {
        for (FieldType type : FieldType.values()) {
            assertEquals(type, FieldType.fromJsonName(type.jsonName()));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FieldType.fromJsonName("float"));
        assertTrue(e.getMessage().contains("numeric"), e.getMessage());
    }
}
