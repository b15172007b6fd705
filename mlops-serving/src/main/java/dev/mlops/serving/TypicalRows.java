package dev.mlops.serving;

import dev.mlops.api.Features;
import dev.mlops.api.Field;
import dev.mlops.api.model.Signature;
import dev.mlops.core.profile.ColumnProfile;
import dev.mlops.core.profile.DataProfile;
import dev.mlops.core.profile.NumericSummary;
import java.time.Instant;
import java.util.List;

/** Warm-up rows made of a version's typical training values, for deployments given none. */
final class TypicalRows {

    private TypicalRows() {
    }

/**
 * A row of typical training values, from the bundle's profile: each numeric input's median, each
 * other input's most frequent value (what the preparation saw when it was fitted).
 */
static Features of(Predictor predictor) {
    Signature signature = predictor.signature();
    DataProfile profile = predictor.bundle().profile();
    Features.Builder row = Features.builder();
    for (Field field : signature.inputs().fields()) {
        ColumnProfile column = profile.column(field.name()).orElse(null);
        Object value = switch (field.type()) {
            case NUMERIC -> column != null && column.numeric() != null
                    ? column.numeric().quantiles().get(NumericSummary.QUANTILE_LEVELS.indexOf(0.5)) : 0.0;
            case CATEGORICAL, TEXT -> mostFrequent(column, signature.categories()
                    .getOrDefault(field.name(), List.of("")).stream().findFirst().orElse(""));
            case BOOLEAN -> Boolean.parseBoolean(mostFrequent(column, "false"));
            case TIMESTAMP -> Instant.EPOCH;
        };
        row.set(field.name(), value);
    }
    return row.build();
}

private static String mostFrequent(ColumnProfile column, String otherwise) {
    return column == null || column.topCategories().isEmpty() ? otherwise
            : column.topCategories().keySet().iterator().next();
}
}
