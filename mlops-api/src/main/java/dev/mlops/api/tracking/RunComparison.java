package dev.mlops.api.tracking;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Runs side by side: which params differ (a param a run did not set counts as different), which
 * are the same in all, and every metric's latest value per run.
 *
 * @param runIds          the runs, in the order asked for
 * @param differingParams param name to (run id to value, absent where a run did not set it)
 * @param commonParams    params every run set to the same value
 * @param metrics         metric name to (run id to latest value, absent where a run did not log it)
 * @since 0.1
 */
public record RunComparison(List<String> runIds, Map<String, Map<String, String>> differingParams,
        Map<String, String> commonParams, Map<String, Map<String, Double>> metrics) {

    public RunComparison {
        runIds = List.copyOf(runIds);
        differingParams = Collections.unmodifiableMap(new TreeMap<>(differingParams));
        commonParams = Maps.sorted(commonParams);
        metrics = Collections.unmodifiableMap(new TreeMap<>(metrics));
    }

    /** Compares {@code runs}. */
    public static RunComparison of(List<RunInfo> runs) {
        Objects.requireNonNull(runs, "runs");
        List<String> ids = new ArrayList<>();
        TreeSet<String> paramNames = new TreeSet<>();
        TreeSet<String> metricNames = new TreeSet<>();
        for (RunInfo run : runs) {
            ids.add(run.id());
            paramNames.addAll(run.params().keySet());
            metricNames.addAll(run.metrics().keySet());
        }
        Map<String, Map<String, String>> differing = new TreeMap<>();
        Map<String, String> common = new TreeMap<>();
        for (String param : paramNames) {
            Map<String, String> values = new LinkedHashMap<>();
            for (RunInfo run : runs) {
                String value = run.params().get(param);
                if (value != null) {
                    values.put(run.id(), value);
                }
            }
            if (values.size() == runs.size() && new TreeSet<>(values.values()).size() == 1) {
                common.put(param, values.values().iterator().next());
            } else {
                differing.put(param, Collections.unmodifiableMap(values));
            }
        }
        Map<String, Map<String, Double>> metricValues = new TreeMap<>();
        for (String metric : metricNames) {
            Map<String, Double> values = new LinkedHashMap<>();
            for (RunInfo run : runs) {
                run.metric(metric).ifPresent(value -> values.put(run.id(), value));
            }
            metricValues.put(metric, Collections.unmodifiableMap(values));
        }
        return new RunComparison(ids, differing, common, metricValues);
    }
}
