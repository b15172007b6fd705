package dev.mlops.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** The map form takes any value for any option name and answers with a trainer or a clear error. */
class OptionPropertyTest {

    private static final List<AlgorithmTrainer<?>> TRAINERS = List.of(Algorithms.tribuo().xgboost(),
            Algorithms.tribuo().linearSgd(), Algorithms.smile().randomForest(), Algorithms.smile().lasso());

    @Test
    void anyValueIsAcceptedInRangeOrRefusedByName() {
        Gen<Object> values = Generate.oneOf(doubles().any().map(d -> (Object) d), integers().all().map(i -> (Object) i),
                longs().all().map(l -> (Object) l), strings().allPossible().ofLengthBetween(0, 8).map(s -> (Object) s),
                Generate.constant((Object) Boolean.TRUE));
        for (AlgorithmTrainer<?> trainer : TRAINERS) {
            List<String> names = trainer.options().stream().map(Option::name).toList();
            qt().withExamples(300).forAll(integers().between(0, names.size()), values).checkAssert((which, value) -> {
                String name = which == names.size() ? "notAnOption" : names.get(which);
                try {
                    AlgorithmTrainer<?> configured = trainer.with(name, value);
                    Option<?> option = trainer.options().get(which);
                    assertEquals(option.text(option.convert(value)), configured.hyperparameters().get(name));
                } catch (IllegalArgumentException refused) {
                    assertTrue(refused.getMessage().contains("'" + name + "'"), refused.getMessage());
                }
            });
        }
    }
}
