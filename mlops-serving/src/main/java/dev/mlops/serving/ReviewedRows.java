package dev.mlops.serving;

import dev.mlops.api.Field;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.Schema;
import dev.mlops.api.model.Signature;
import dev.mlops.api.model.Task;
import dev.mlops.api.tracking.ReviewedItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reviewed predictions as labelled training rows: the model's inputs as the request had them, and
 * the reviewer's label as the target, ready to log as a dataset version for the next training
 * ({@code tracker.datasets().log(name, frame)}).
 *
 * @since 0.1
 */
public final class ReviewedRows {

    private ReviewedRows() {
    }

    /**
     * One row per reviewed item, with the columns of {@code signature}'s inputs and its target.
     *
     * @throws dev.mlops.api.InvalidInputException if an item's value does not fit its column's type
     */
    public static Frame frame(List<ReviewedItem> reviewed, Signature signature) {
        List<Field> fields = new ArrayList<>(signature.inputs().fields());
        Field target = signature.task() == Task.CLASSIFICATION ? Field.categorical(signature.target())
                : Field.numeric(signature.target());
        fields.add(target);
        Frame.RowBuilder rows = Frame.builder(Schema.of(fields.toArray(Field[]::new)));
        for (ReviewedItem item : reviewed) {
            Object[] values = new Object[fields.size()];
            for (int i = 0; i < fields.size() - 1; i++) {
                Field field = fields.get(i);
                Object value = item.item().features().get(field.name());
                values[i] = field.type() == FieldType.TIMESTAMP && value instanceof String text ? Instant.parse(text)
                        : value;
            }
            values[fields.size() - 1] = item.label();
            rows.add(values);
        }
        return rows.build();
    }
}
