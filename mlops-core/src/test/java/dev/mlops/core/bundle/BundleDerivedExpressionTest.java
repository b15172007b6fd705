package dev.mlops.core.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Features;
import dev.mlops.api.Frame;
import dev.mlops.api.Prediction;
import dev.mlops.core.pipeline.Training;
import dev.mlops.core.prep.Prep;
import dev.mlops.core.prep.SmallStack;
import dev.mlops.core.train.Algorithms;
import dev.mlops.core.train.Iris;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A derived column inside a bundle: a flat expression of thousands of terms predicts on a small
 * stack (before the fix it overflowed the stack at {@code predict}), and a preparation that exceeds
 * the expression limits or cannot be applied to the signature's inputs is refused at load.
 */
class BundleDerivedExpressionTest {

    private static final Frame IRIS = Iris.frame();
    private static final String SUM = String.join("+", Collections.nCopies(5_000, "petal_length"));
    private static final ModelBundle DERIVED = Training.with(Algorithms.tribuo().cart().maxDepth(3))
            .fit(IRIS, "species", Prep.chain(Prep.derive("sum", SUM)));

    @Test
    void aBundleWithAFiveThousandTermExpressionPredictsOnASmallStack() {
        ModelBundle loaded = ModelBundle.fromBytes(DERIVED.toBytes(), "derived");
        Features row = IRIS.row(0).toBuilder().remove("species").build();
        Prediction expected = DERIVED.predict(row);
        assertEquals(expected, SmallStack.call(() -> loaded.predict(row)));
        assertEquals(DERIVED.predict(IRIS), SmallStack.call(() -> loaded.predict(IRIS)));
        Features prepared = SmallStack.call(() -> loaded.preparation().transform(row));
        assertEquals(5_000 * row.number("petal_length"), prepared.number("sum"), 1e-9);
    }

    @Test
    void aBundleWhosePreparationExceedsTheExpressionLimitsIsRefusedAtLoad() {
        String manyTerms = String.join("+", Collections.nCopies(10_001, "1"));
        BundleException terms = assertThrows(BundleException.class, () -> ModelBundle.fromBytes(
                withPreparation(DERIVED.preparation().toJson().replace(SUM, manyTerms)), "limits"));
        assertTrue(terms.getMessage().startsWith("limits: preparation JSON"), terms.getMessage());
        assertTrue(terms.getMessage().contains("more than 10000 terms (numbers and column references), the limit"),
                terms.getMessage());
        String tooLong = String.join("+", Collections.nCopies(10_000, "petal_length"));
        BundleException length = assertThrows(BundleException.class, () -> ModelBundle.fromBytes(
                withPreparation(DERIVED.preparation().toJson().replace(SUM, tooLong)), "limits"));
        assertTrue(length.getMessage().contains("expression of 129999 characters: longer than the limit of 100000"),
                length.getMessage());
    }

    @Test
    void aBundleWhosePreparationCannotBeAppliedIsRefusedAtLoad() {
        BundleException e = assertThrows(BundleException.class, () -> ModelBundle.fromBytes(
                withPreparation(DERIVED.preparation().toJson().replace(SUM, "petal_length + petal_size")),
                "unknown"));
        assertTrue(e.getMessage().startsWith("unknown: its parts disagree: the preparation cannot be applied to the"
                + " signature's inputs [sepal_length, sepal_width, petal_length, petal_width]: "), e.getMessage());
        assertTrue(e.getMessage().contains("petal_size"), e.getMessage());
    }

    private static byte[] withPreparation(String json) {
        Map<String, byte[]> entries = new LinkedHashMap<>(BundleZips.entries(DERIVED.toBytes()));
        entries.put("preparation.json", json.getBytes(StandardCharsets.UTF_8));
        return BundleZips.withHonestManifest(entries, ModelBundle.FORMAT);
    }
}
