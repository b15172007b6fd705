package dev.mlops.core.prep;

import dev.mlops.api.Schema;
import java.util.List;

/** Turns each fitted step into a {@link CompiledChain.Op} between its input and output layouts. */
final class StepCompiler {

    private StepCompiler() {
    }

    static CompiledChain.Op compile(FittedStep step, Schema in, Schema out) {
        if (step instanceof Imputed imputed) {
            return imputing(imputed, in);
        }
        if (step instanceof Scaled scaled) {
            return mapping(scaled.columns(), in);
        }
        if (step instanceof Clipped clipped) {
            return mapping(clipped.bounds(), in);
        }
        if (step instanceof Logged logged) {
            return mapping(logged.columns().stream().map(StepCompiler::log1p).toList(), in);
        }
        if (step instanceof DroppedDuplicates) {
            return slots -> { }; // a row is never a duplicate of itself: the row transform only checks names
        }
        if (step instanceof DroppedColumns) {
            return reordering(in, out);
        }
        if (step instanceof OneHotEncoded oneHot) {
            return OneHotOp.of(oneHot, in, out);
        }
        if (step instanceof RareGrouped grouped) {
            return grouping(grouped, in);
        }
        return interpreted(step, in, out);
    }

    private static NumericFunction log1p(String column) {
        return new NumericFunction() {
            @Override
            public String column() {
                return column;
            }

            @Override
            public double apply(double value) {
                return Logged.apply(column, -1, value);
            }
        };
    }

    private static CompiledChain.Op imputing(Imputed imputed, Schema in) {
        int[] numberAt = imputed.numbers().keySet().stream().mapToInt(in::indexOf).toArray();
        double[] numbers = imputed.numbers().values().stream().mapToDouble(Double::doubleValue).toArray();
        int[] labelAt = imputed.labels().keySet().stream().mapToInt(in::indexOf).toArray();
        String[] labels = imputed.labels().values().toArray(String[]::new);
        return slots -> {
            int bank = slots.bank;
            boolean[] missing = slots.missing[bank];
            for (int i = 0; i < numberAt.length; i++) {
                if (missing[numberAt[i]]) {
                    slots.numbers[bank][numberAt[i]] = numbers[i];
                    missing[numberAt[i]] = false;
                }
            }
            for (int i = 0; i < labelAt.length; i++) {
                if (missing[labelAt[i]]) {
                    slots.objects[bank][labelAt[i]] = labels[i];
                    missing[labelAt[i]] = false;
                }
            }
        };
    }

    private static CompiledChain.Op mapping(List<? extends NumericFunction> functions, Schema in) {
        int[] at = functions.stream().mapToInt(f -> in.indexOf(f.column())).toArray();
        NumericFunction[] each = functions.toArray(NumericFunction[]::new);
        return slots -> {
            double[] numbers = slots.numbers[slots.bank];
            boolean[] missing = slots.missing[slots.bank];
            for (int i = 0; i < at.length; i++) {
                if (!missing[at[i]]) {
                    numbers[at[i]] = each[i].apply(numbers[at[i]]);
                }
            }
        };
    }

    private static CompiledChain.Op grouping(RareGrouped grouped, Schema in) {
        int[] at = grouped.kept().stream().mapToInt(e -> in.indexOf(e.column())).toArray();
        Encoding[] kept = grouped.kept().toArray(Encoding[]::new);
        return slots -> {
            Object[] objects = slots.objects[slots.bank];
            boolean[] missing = slots.missing[slots.bank];
            for (int i = 0; i < at.length; i++) {
                if (!missing[at[i]]) {
                    objects[at[i]] = grouped.grouped(kept[i], (String) objects[at[i]]);
                }
            }
        };
    }

    /** A step that only keeps, drops or moves columns: each output column is an input column. */
    private static CompiledChain.Op reordering(Schema in, Schema out) {
        int[] from = out.names().stream().mapToInt(in::indexOf).toArray();
        return slots -> {
            for (int to = 0; to < from.length; to++) {
                slots.copyAcross(from[to], to);
            }
            slots.flip();
        };
    }

    /** A step without a compiled form: its own row transform, between the compiled layouts. */
    private static CompiledChain.Op interpreted(FittedStep step, Schema in, Schema out) {
        return slots -> {
            var row = step.transform(slots.export(in));
            int bank = slots.bank;
            slots.bank = 1 - bank;
            for (int i = 0; i < out.size(); i++) {
                var field = out.field(i);
                Object value = row.get(field.name());
                if (value == null) {
                    slots.missing[slots.bank][i] = true;
                    slots.objects[slots.bank][i] = null;
                } else if (field.type() == dev.mlops.api.FieldType.NUMERIC) {
                    slots.numbers[slots.bank][i] = (Double) value;
                    slots.objects[slots.bank][i] = null;
                    slots.missing[slots.bank][i] = false;
                } else {
                    slots.objects[slots.bank][i] = value;
                    slots.missing[slots.bank][i] = false;
                }
            }
        };
    }
}
