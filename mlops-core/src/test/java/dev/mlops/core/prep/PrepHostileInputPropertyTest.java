package dev.mlops.core.prep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.mlops.api.DataException;
import dev.mlops.api.Frame;
import dev.mlops.api.NumericColumn;
import dev.mlops.core.profile.DataProfile;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.impl.Constraint;

/** Whatever the text, the parsers answer with a value or their documented exception, nothing else. */
class PrepHostileInputPropertyTest {

    private static final List<String> TOKENS = List.of("x", "y", "`x`", "`", "(", ")", "+", "-", "*", "/", "^", ",",
            "1", "2.5", "1e3", "1e", ".", "log", "min", "max", "pow", "sqrt", "abs", " ", "nan", "--");

    private static Gen<String> expressions() {
        return in -> {
            int n = (int) in.next(Constraint.between(0, 12));
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < n; i++) {
                text.append(TOKENS.get((int) in.next(Constraint.between(0, TOKENS.size() - 1))));
            }
            return text.toString();
        };
    }

    @Test
    void anyExpressionTextParsesOrIsRefusedWithItsPosition() {
        Frame frame = Frame.of(NumericColumn.of("x", 1, -2, 0), NumericColumn.of("y", 0, 3, Double.NaN));
        qt().withExamples(3_000).forAll(expressions()).checkAssert(text -> {
            FittedStep step;
            try {
                step = Prep.derive("z", text).fit(frame);
            } catch (IllegalArgumentException refused) {
                return;
            }
            Frame out = step.transform(frame);
            for (int row = 0; row < frame.rowCount(); row++) {
                assertEquals(out.row(row), step.transform(frame.row(row)), text);
            }
        });
    }

    @Test
    void deepNestingIsRefusedNotAStackOverflow() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Prep.derive("z", "(".repeat(100_000) + "x" + ")".repeat(100_000)));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Prep.derive("z", "-".repeat(100_000) + "x"));
        Prep.derive("z", "(".repeat(150) + "x" + ")".repeat(150));
    }

    @Test
    void anyJsonTextGivesAChainOrADataException() {
        qt().withExamples(2_000).forAll(strings().ascii().ofLengthBetween(0, 80)).checkAssert(text -> {
            chainOrDataException(text);
            chainOrDataException("{\"steps\":[{\"step\":\"scale\"," + text);
            profileOrDataException(text);
        });
    }

    /** Either refused with a message, or a chain that writes itself back to the same JSON. */
    private static void chainOrDataException(String text) {
        FittedChain chain;
        try {
            chain = FittedChain.fromJson(text);
        } catch (DataException refused) {
            assertFalse(refused.getMessage().isBlank());
            return;
        }
        assertEquals(chain.toJson(), FittedChain.fromJson(chain.toJson()).toJson(), text);
    }

    private static void profileOrDataException(String text) {
        DataProfile profile;
        try {
            profile = DataProfile.fromJson(text);
        } catch (DataException refused) {
            assertFalse(refused.getMessage().isBlank());
            return;
        }
        assertEquals(profile.toJson(), DataProfile.fromJson(profile.toJson()).toJson(), text);
    }
}
