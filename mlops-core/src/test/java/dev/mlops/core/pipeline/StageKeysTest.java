package dev.mlops.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.mlops.core.train.Algorithms;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Stage keys depend on values, never on a map's iteration order, and not at all on code. */
class StageKeysTest {

    @Test
    void aKeyDoesNotDependOnTheOrderOfAMapsEntries() {
        Map<String, Object> ab = new LinkedHashMap<>();
        ab.put("a", 1);
        ab.put("b", List.of("x", 2.5));
        Map<String, Object> ba = new LinkedHashMap<>();
        ba.put("b", List.of("x", 2.5));
        ba.put("a", 1);
        assertEquals(StageKeys.of("train", ab), StageKeys.of("train", ba));
        assertNotEquals(StageKeys.of("train", ab), StageKeys.of("prepare", ab));
        assertEquals(64, StageKeys.of("train", ab).length());
    }

    @Test
    void aPartGivenAsCodeOrAnUpstreamStageWithoutKeyLeavesNoKey() {
        assertNull(StageKeys.of("evaluate", StageKeys.recipe((dev.mlops.api.pipeline.Evaluator) (m, f) -> Map.of())));
        assertNull(StageKeys.of("train", StageKeys.upstream(null)));
        assertEquals(StageKeys.of("train", StageKeys.recipe(Algorithms.tribuo().cart().seed(3))),
                StageKeys.of("train", StageKeys.recipe(Algorithms.named("tribuo.cart", Map.of(), 3))));
    }
}
