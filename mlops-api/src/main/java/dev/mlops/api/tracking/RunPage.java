package dev.mlops.api.tracking;

import java.util.List;

/**
 * One page of a {@link RunQuery}'s matches.
 *
 * @param runs   the runs on this page, in the query's order
 * @param total  how many runs matched in all
 * @param offset how many matches come before this page
 * @since 0.1
 */
public record RunPage(List<RunInfo> runs, int total, int offset) {
    public RunPage {
        runs = List.copyOf(runs);
    }

    /** Whether more matches follow this page. */
    public boolean hasMore() {
        return offset + runs.size() < total;
    }
}
