package dev.mlops.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.mlops.api.DataException;
import dev.mlops.api.Field;
import dev.mlops.api.FieldType;
import dev.mlops.api.Schema;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.impl.Constraint;

class SchemaJsonTest {

    @Test
    void writesTheDocumentedStableForm() {
        Schema schema = Schema.of(Field.numeric("age"), Field.categorical("sex").required(), Field.text("note \"x\""));
        assertEquals("{\"fields\":[{\"name\":\"age\",\"type\":\"numeric\",\"nullable\":true},"
                + "{\"name\":\"sex\",\"type\":\"categorical\",\"nullable\":false},"
                + "{\"name\":\"note \\\"x\\\"\",\"type\":\"text\",\"nullable\":true}]}", SchemaJson.toJson(schema));
    }

    @Test
    void readsTypesInAnyCaseAndDefaultsToNullable() {
        assertEquals(Schema.of(Field.timestamp("t")),
                SchemaJson.fromJson("{\"fields\":[{\"name\":\"t\",\"type\":\"TIMESTAMP\"}]}"));
    }

    @Test
    void refusalsSayWhatAndWhere() {
        assertProblem("", "empty");
        assertProblem("{", "not valid JSON");
        assertProblem("[]", "$");
        assertProblem("{\"fields\":{}}", "$.fields");
        assertProblem("{\"fields\":[],\"version\":2}", "$.version");
        assertProblem("{\"fields\":[1]}", "$.fields[0]");
        assertProblem("{\"fields\":[{\"type\":\"numeric\"}]}", "$.fields[0].name");
        assertProblem("{\"fields\":[{\"name\":\"\",\"type\":\"numeric\"}]}", "$.fields[0].name");
        assertProblem("{\"fields\":[{\"name\":\"a\",\"type\":\"float\"}]}", "$.fields[0].type");
        assertProblem("{\"fields\":[{\"name\":\"a\",\"type\":\"numeric\",\"nullable\":\"yes\"}]}",
                "$.fields[0].nullable");
        assertProblem("{\"fields\":[{\"name\":\"a\",\"type\":\"numeric\",\"unit\":\"cm\"}]}", "$.fields[0].unit");
        assertProblem("{\"fields\":[{\"name\":\"a\",\"type\":\"numeric\"},{\"name\":\"a\",\"type\":\"text\"}]}",
                "$.fields");
        assertProblem("[".repeat(5_000), "not valid JSON");
    }

    private static void assertProblem(String json, String where) {
        DataException e = assertThrows(DataException.class, () -> SchemaJson.fromJson(json));
        assertTrue(e.getMessage().contains(where), e.getMessage());
    }

    @Test
    void everySchemaRoundTrips() {
        Gen<Schema> schemas = in -> {
            int n = (int) in.next(Constraint.between(0, 6));
            Set<String> names = new LinkedHashSet<>();
            List<Field> fields = new ArrayList<>();
            while (fields.size() < n) {
                String name = strings().allPossible().ofLengthBetween(1, 8).generate(in);
                if (names.add(name)) {
                    FieldType type = FieldType.values()[(int) in.next(Constraint.between(0, 4))];
                    fields.add(new Field(name, type, in.next(Constraint.between(0, 1)) == 1));
                }
            }
            return Schema.of(fields);
        };
        qt().withExamples(500).forAll(schemas).checkAssert(schema ->
                assertEquals(schema, SchemaJson.fromJson(SchemaJson.toJson(schema))));
    }

    @Test
    void arbitraryTextGivesASchemaOrADataException() {
        qt().withExamples(2_000).forAll(strings().ascii().ofLengthBetween(0, 60)).checkAssert(text -> {
            try {
                SchemaJson.fromJson(text);
            } catch (DataException expected) {
                // the only acceptable refusal
            }
        });
        qt().withExamples(500).forAll(strings().ascii().ofLengthBetween(0, 30)).checkAssert(tail -> {
            try {
                SchemaJson.fromJson("{\"fields\":[{\"name\":\"a\",\"type\":\"numeric\"" + tail);
            } catch (DataException expected) {
                // the only acceptable refusal
            }
        });
    }
}
