package dev.mlops.core.prep;

import dev.mlops.api.Column;
import dev.mlops.api.Features;
import dev.mlops.api.Frame;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Rows that repeat an earlier row (on the named columns, or on all) removed, the first kept. A
 * training-time step: a single prediction row cannot repeat itself, so {@link #transform(Features)}
 * returns it unchanged. Missing values compare equal to each other; NaN equals NaN.
 *
 * @param columns the columns that decide sameness; empty for all
 * @since 0.1
 */
public record DroppedDuplicates(List<String> columns) implements FittedStep {

    public DroppedDuplicates {
        columns = List.copyOf(columns);
    }

    @Override
    public Frame transform(Frame frame) {
        List<Column> keys = columns.isEmpty() ? frame.columns() : columns.stream().map(frame::column).toList();
        Set<List<Object>> seen = new HashSet<>();
        List<Integer> kept = new ArrayList<>();
        for (int row = 0; row < frame.rowCount(); row++) {
            List<Object> key = new ArrayList<>(keys.size());
            for (Column column : keys) {
                key.add(column.get(row));
            }
            if (seen.add(key)) {
                kept.add(row);
            }
        }
        return kept.size() == frame.rowCount() ? frame : frame.take(kept.stream().mapToInt(Integer::intValue).toArray());
    }

    @Override
    public Features transform(Features row) {
        columns.forEach(name -> PrepColumns.present(row, name));
        return row;
    }
}
