package dev.mlops.core.prep;

import dev.mlops.api.Features;
import dev.mlops.api.Frame;
import dev.mlops.api.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@link FittedChain} compiled for rows of one input schema: every column's position in every
 * intermediate layout is worked out once, so applying the chain to a row reads and writes arrays by
 * index, with no map rebuilt per step and no name looked up. Imputation, scaling, clipping,
 * {@code log1p}, one-hot encoding and dropping columns are compiled; the other steps (derived
 * columns, conversions, quantile bins, ordinal codes) run their own row transform between two
 * compiled layouts. Either way a row gets exactly what {@link FittedChain#transform(Features)}
 * gives it. Immutable and thread-safe; the {@link RowSlots} it runs on are not.
 *
 * <pre>{@code
 * CompiledChain compiled = CompiledChain.of(chain, signature.inputs());
 * RowSlots slots = compiled.newSlots();        // one per thread
 * slots.number(0, 39); slots.object(1, "State-gov"); ...
 * compiled.run(slots);                          // outputs() columns, read with slots.outputNumber(i)
 * }</pre>
 *
 * @since 0.1
 */
public final class CompiledChain {

    /** One compiled step: reads the current bank of the slots and leaves its result current. */
    interface Op {
        void run(RowSlots slots);
    }

    private final Schema inputs;
    private final Schema outputs;
    private final Op[] ops;
    private final int width;

    private CompiledChain(Schema inputs, Schema outputs, Op[] ops, int width) {
        this.inputs = inputs;
        this.outputs = outputs;
        this.ops = ops;
        this.width = width;
    }

    /**
     * Compiles {@code chain} for rows with the columns of {@code inputs}.
     *
     * @throws IllegalArgumentException if a step needs a column that {@code inputs} (or an earlier step) does not
     *         make, or of another type
     */
    public static CompiledChain of(FittedChain chain, Schema inputs) {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(inputs, "inputs");
        List<Op> ops = new ArrayList<>();
        Schema layout = inputs;
        int width = inputs.size();
        for (FittedStep step : chain.steps()) {
            Schema next = step.transform(Frame.empty(layout)).schema();
            ops.add(StepCompiler.compile(step, layout, next));
            layout = next;
            width = Math.max(width, next.size());
        }
        return new CompiledChain(inputs, layout, ops.toArray(Op[]::new), Math.max(width, 1));
    }

    /** The columns a row brings, in the order {@link RowSlots} indexes them. */
    public Schema inputs() {
        return inputs;
    }

    /** The columns the chain makes, in the order {@link RowSlots#outputNumber} indexes them. */
    public Schema outputs() {
        return outputs;
    }

    /** Fresh slots wide enough for every layout of this chain. */
    public RowSlots newSlots() {
        return new RowSlots(width);
    }

    /**
     * Sets the input columns of {@code slots} from {@code row}, which must hold every input with a
     * value of its type or null (as a row that passed {@link dev.mlops.api.model.Signature#check} does);
     * an absent input is read as missing, unchecked, for speed.
     *
     * @throws ClassCastException if a value is of another type
     */
    public void load(Features row, RowSlots slots) {
        slots.fill(inputs, row);
    }

    /** After {@link #run}: the output columns of {@code slots} as a row. */
    public Features outputRow(RowSlots slots) {
        return slots.export(outputs);
    }

    /**
     * Applies the chain to the row in {@code slots} (its input columns set), leaving the output columns there.
     *
     * @throws dev.mlops.api.DataException if a value cannot be transformed (an unseen category under the error
     *         policy, a value outside a function's domain), as {@link FittedChain#transform(Features)} would
     */
    public void run(RowSlots slots) {
        slots.bank = 0;
        for (Op op : ops) {
            op.run(slots);
        }
    }

    /**
     * The chain applied to {@code row}, through the compiled steps: equal to
     * {@link FittedChain#transform(Features)}.
     *
     * @throws IllegalArgumentException    if {@code row} lacks an input or holds a value of another type
     * @throws dev.mlops.api.DataException if a value cannot be transformed
     */
    public Features transform(Features row) {
        RowSlots slots = newSlots();
        for (var field : inputs.fields()) {
            Object value = row.get(field.name()); // throws for an absent input, naming it
            if (value != null && !field.type().accepts(value)) {
                throw new IllegalArgumentException("feature '" + field.name() + "' should be " + field.type()
                        + " but is " + value);
            }
        }
        slots.fill(inputs, row);
        run(slots);
        return slots.export(outputs);
    }
}
