package dev.mlops.core.check;

import dev.mlops.core.profile.ColumnProfile;
import dev.mlops.core.profile.DataProfile;
import dev.mlops.api.FieldType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks suggested from a profile, so "what this data looks like today" can be kept as a contract.
 * The rules are Amazon Deequ's defaults:
 * <ul>
 *   <li>every column keeps its type;</li>
 *   <li>a complete column stays complete;</li>
 *   <li>an incomplete column keeps at least the lower bound of the 95% confidence interval of its
 *       completeness, {@code p - 1.96 sqrt(p (1 - p) / n)};</li>
 *   <li>a categorical column with at most {@value #MAX_CATEGORIES} labels keeps to them;</li>
 *   <li>a numeric column whose minimum is not negative stays non-negative;</li>
 *   <li>a column whose values are all distinct stays unique.</li>
 * </ul>
 *
 * @since 0.1
 */
public final class Suggestions {

    /** Categorical columns with at most this many labels get an allowed-set check. */
    public static final int MAX_CATEGORIES = 10;
    private static final double Z_95 = 1.96;

    private Suggestions() {
    }

    /** The suggested checks, column by column. */
    public static List<Check> from(DataProfile profile) {
        List<Check> checks = new ArrayList<>();
        for (ColumnProfile column : profile.columns()) {
            String name = column.name();
            checks.add(Checks.hasColumn(name, column.type()));
            if (column.missing() == 0) {
                checks.add(Checks.complete(name));
            } else if (column.count() > 0) {
                double p = 1 - column.missingRatio();
                double lower = Math.max(0, p - Z_95 * Math.sqrt(p * (1 - p) / column.count()));
                checks.add(Checks.completeness(name, lower));
            }
            if (column.type() == FieldType.CATEGORICAL && column.distinct() > 0
                    && column.distinct() <= MAX_CATEGORIES) {
                checks.add(Checks.allowed(name, Set.copyOf(column.topCategories().keySet())));
            }
            if (column.numeric() != null && column.numeric().min() >= 0) {
                checks.add(Checks.range(name, 0, Double.POSITIVE_INFINITY));
            }
            if (column.count() > 1 && column.missing() == 0 && column.distinct() == column.count()) {
                checks.add(Checks.unique(name));
            }
        }
        return checks;
    }
}
