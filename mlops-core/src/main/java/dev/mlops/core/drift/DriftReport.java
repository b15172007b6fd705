package dev.mlops.core.drift;

import java.util.List;
import java.util.Optional;

/**
 * The drift of every compared column and the dataset's verdict: drifted when the share of drifted
 * columns reaches {@code shareThreshold}.
 *
 * @param columns        one result per compared column, in the reference's column order
 * @param driftedShare   the share of compared columns that drifted (0 when none was compared)
 * @param shareThreshold the share at which the dataset counts as drifted
 * @param datasetDrifted whether the dataset drifted
 * @since 0.1
 */
public record DriftReport(List<ColumnDrift> columns, double driftedShare, double shareThreshold,
        boolean datasetDrifted) {

    public DriftReport {
        columns = List.copyOf(columns);
    }

    /** The result for {@code column}, if it was compared. */
    public Optional<ColumnDrift> column(String column) {
        return columns.stream().filter(c -> c.column().equals(column)).findFirst();
    }

    /** The columns that drifted. */
    public List<ColumnDrift> drifted() {
        return columns.stream().filter(ColumnDrift::drifted).toList();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(String.format(java.util.Locale.ROOT,
                "dataset %s: %d of %d columns drifted (%.0f%%, threshold %.0f%%)%n",
                datasetDrifted ? "DRIFTED" : "did not drift", drifted().size(), columns.size(), 100 * driftedShare,
                100 * shareThreshold));
        columns.forEach(c -> text.append("  ").append(c).append(System.lineSeparator()));
        return text.toString();
    }
}
