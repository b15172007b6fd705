package dev.mlops.core.train;

import dev.mlops.api.Features;
import dev.mlops.api.FieldType;
import dev.mlops.api.Prediction;
import dev.mlops.api.Schema;
import dev.mlops.api.model.FittedModel;
import dev.mlops.core.prep.CompiledChain;
import dev.mlops.core.prep.FittedChain;
import dev.mlops.core.prep.RowSlots;
import java.util.Objects;

/**
 * A preparation and model compiled for single rows: the chain runs index by index on slots reused
 * per thread ({@link CompiledChain}), and the model reads its inputs from those slots by position,
 * through {@link FittedModel#predictNumbers} when they are all numbers. A row gets exactly the
 * prediction that preparing it with {@link FittedChain#transform(Features)} and calling
 * {@link FittedModel#predict(Features)} gives. Rows are not checked against the signature here:
 * callers check them first. Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class CompiledModel {

    private final CompiledChain chain;
    private final FittedModel model;
    private final int[] inputAt;
    private final boolean[] bool;
    private final boolean numeric;
    private final ThreadLocal<Scratch> scratch;

    private record Scratch(RowSlots slots, double[] values) {
    }

    private CompiledModel(CompiledChain chain, FittedModel model) {
        this.chain = chain;
        this.model = model;
        Schema reads = model.inputs();
        Schema made = chain.outputs();
        inputAt = new int[reads.size()];
        bool = new boolean[reads.size()];
        boolean allNumbers = true;
        for (int i = 0; i < reads.size(); i++) {
            inputAt[i] = made.indexOf(reads.field(i).name());
            FieldType type = reads.field(i).type();
            bool[i] = type == FieldType.BOOLEAN;
            allNumbers &= inputAt[i] >= 0 && (type == FieldType.NUMERIC || bool[i])
                    && made.field(inputAt[i]).type() == type;
        }
        numeric = allNumbers;
        scratch = ThreadLocal.withInitial(() -> new Scratch(chain.newSlots(), new double[inputAt.length]));
    }

    /**
     * Compiles {@code preparation} for rows of {@code inputs}, feeding {@code model}.
     *
     * @throws IllegalArgumentException if the preparation cannot be applied to {@code inputs}
     */
    public static CompiledModel of(Schema inputs, FittedChain preparation, FittedModel model) {
        Objects.requireNonNull(model, "model");
        return new CompiledModel(CompiledChain.of(preparation, inputs), model);
    }

    /** The compiled preparation. */
    public CompiledChain chain() {
        return chain;
    }

    /**
     * Predicts a raw row that holds every input with a value of its type or null.
     *
     * @throws dev.mlops.api.DataException         if the preparation refuses a value
     * @throws dev.mlops.api.InvalidInputException if the prepared row does not fit the model (a missing or
     *         non-finite value where the model needs a number)
     */
    public Prediction predict(Features row) {
        Scratch mine = scratch.get();
        RowSlots slots = mine.slots();
        chain.load(row, slots);
        chain.run(slots);
        if (numeric) {
            double[] values = mine.values();
            boolean complete = true;
            for (int i = 0; i < inputAt.length; i++) {
                int at = inputAt[i];
                if (slots.outputMissing(at)) {
                    complete = false;
                    break;
                }
                values[i] = bool[i] ? ((Boolean) slots.outputObject(at) ? 1 : 0) : slots.outputNumber(at);
            }
            if (complete) {
                return model.predictNumbers(values);
            }
        }
        // the model's own row path: it reads other types, and words a missing value its way
        return model.predict(chain.outputRow(slots));
    }
}
