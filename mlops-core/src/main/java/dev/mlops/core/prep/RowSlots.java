package dev.mlops.core.prep;

import dev.mlops.api.Features;
import dev.mlops.api.Field;
import dev.mlops.api.FieldType;
import dev.mlops.api.Schema;

/**
 * One row in flight through a {@link CompiledChain}: a value per column of the current layout,
 * numbers as primitive doubles and everything else as objects, with a missing flag per column.
 * Two banks of arrays, sized once for the widest layout, so a step that changes the layout writes
 * into the other bank instead of allocating. Not thread-safe: one per thread, reused across rows.
 *
 * @since 0.1
 */
public final class RowSlots {

    final double[][] numbers;
    final Object[][] objects;
    final boolean[][] missing;
    int bank;

    RowSlots(int width) {
        numbers = new double[2][width];
        objects = new Object[2][width];
        missing = new boolean[2][width];
    }

    /** Sets input column {@code index} to a number; call before {@link CompiledChain#run}. */
    public void number(int index, double value) {
        numbers[0][index] = value;
        missing[0][index] = false;
    }

    /** Sets input column {@code index} to a string, boolean or instant, or to missing when {@code value} is null. */
    public void object(int index, Object value) {
        objects[0][index] = value;
        missing[0][index] = value == null;
    }

    /** Marks input column {@code index} missing. */
    public void missing(int index) {
        objects[0][index] = null;
        missing[0][index] = true;
    }

    /** After a run: output column {@code index}'s number (undefined when it is missing or not numeric). */
    public double outputNumber(int index) {
        return numbers[bank][index];
    }

    /** After a run: output column {@code index}'s object value, null for a number or a missing value. */
    public Object outputObject(int index) {
        return objects[bank][index];
    }

    /** After a run: whether output column {@code index} is missing. */
    public boolean outputMissing(int index) {
        return missing[bank][index];
    }

    /** Sets every column of {@code layout} from {@code row}, which must hold them with values of the right types. */
    void fill(Schema layout, Features row) {
        bank = 0;
        java.util.Map<String, Object> values = row.asMap(); // absent and missing both read as null here
        for (int i = 0; i < layout.size(); i++) {
            Field field = layout.field(i);
            Object value = values.get(field.name());
            if (value == null) {
                missing(i);
            } else if (field.type() == FieldType.NUMERIC) {
                number(i, (Double) value);
            } else {
                object(i, value);
            }
        }
    }

    /** The current bank as a row with {@code layout}'s names. */
    Features export(Schema layout) {
        Features.Builder row = Features.builder();
        for (int i = 0; i < layout.size(); i++) {
            Field field = layout.field(i);
            if (missing[bank][i]) {
                row.missing(field.name());
            } else if (field.type() == FieldType.NUMERIC) {
                row.set(field.name(), numbers[bank][i]);
            } else {
                row.set(field.name(), objects[bank][i]);
            }
        }
        return row.build();
    }

    /** Copies column {@code from} of the current bank to column {@code to} of the other. */
    void copyAcross(int from, int to) {
        int other = 1 - bank;
        numbers[other][to] = numbers[bank][from];
        objects[other][to] = objects[bank][from];
        missing[other][to] = missing[bank][from];
    }

    /** Sets column {@code to} of the other bank to a number. */
    void numberAcross(int to, double value) {
        int other = 1 - bank;
        numbers[other][to] = value;
        objects[other][to] = null;
        missing[other][to] = false;
    }

    /** Makes the other bank current. */
    void flip() {
        bank = 1 - bank;
    }
}
