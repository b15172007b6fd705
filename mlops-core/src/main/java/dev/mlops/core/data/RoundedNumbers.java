package dev.mlops.core.data;

import dev.mlops.core.internal.NumberLiteral;
import dev.mlops.core.data.internal.NumberRounding;
import dev.mlops.core.internal.NumberText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/** Counts, per column, the numbers a read rounded under {@link InexactNumbers#ROUND}, for its warnings. */
final class RoundedNumbers implements NumberRounding {

    /** The numbers of one column rounded so far, and the first of them. */
    private static final class Count {
        final long firstLine;
        final String firstRaw;
        final NumberLiteral first;
        long count;

        Count(long firstLine, String firstRaw, NumberLiteral first) {
            this.firstLine = firstLine;
            this.firstRaw = firstRaw;
            this.first = first;
        }
    }

    private final LongSupplier line;
    private final Map<String, Count> counts = new HashMap<>();

    /** @param line the line of the record being committed */
    RoundedNumbers(LongSupplier line) {
        this.line = line;
    }

    @Override
    public void rounded(String column, String raw, NumberLiteral literal) {
        counts.computeIfAbsent(column, c -> new Count(line.getAsLong(), raw, literal)).count++;
    }

    /** One warning per column with rounded numbers, in the order of {@code columns}. */
    List<CsvWarning> warnings(List<String> columns) {
        List<CsvWarning> warnings = new ArrayList<>();
        for (String column : columns) {
            Count c = counts.get(column);
            if (c != null) {
                warnings.add(new CsvWarning(column, c.count, c.firstLine, c.firstRaw, "read as its nearest double"
                        + " under InexactNumbers.ROUND: it " + NumberText.problem(c.first)));
            }
        }
        return warnings;
    }
}
