package dev.mlops.core.prep;

import dev.mlops.api.Features;
import dev.mlops.api.Frame;
import java.util.List;

/**
 * The named columns removed.
 *
 * @param columns the removed columns
 * @since 0.1
 */
public record DroppedColumns(List<String> columns) implements FittedStep {

    public DroppedColumns {
        columns = List.copyOf(columns);
    }

    @Override
    public Frame transform(Frame frame) {
        return frame.drop(columns.toArray(String[]::new));
    }

    @Override
    public Features transform(Features row) {
        Features.Builder builder = row.toBuilder();
        for (String name : columns) {
            PrepColumns.present(row, name);
            builder.remove(name);
        }
        return builder.build();
    }
}
