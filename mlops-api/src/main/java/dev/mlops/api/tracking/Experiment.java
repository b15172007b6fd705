package dev.mlops.api.tracking;

import java.util.List;

/**
 * A named group of runs that answer one question, such as "which model predicts Adult's income
 * best".
 *
 * @since 0.1
 */
public interface Experiment {

    /** Its name. */
    String name();

    /** What the store holds for it now. */
    ExperimentInfo info();

    /** Sets its description. */
    void describe(String description);

    /** Sets (or replaces) a tag. */
    void tag(String key, String value);

    /** Starts a run with a generated name. */
    Run start();

    /** Starts a run named {@code runName}. */
    Run start(String runName);

    /** Searches its runs. */
    RunPage search(RunQuery query);

    /** Every run, newest first. */
    List<RunInfo> runs();
}
