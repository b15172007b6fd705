package dev.mlops.reports.internal.browser;

import dev.mlops.api.tracking.DatasetVersion;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The browser's URLs. Every route is a fixed path and everything that names an entry (an
 * experiment, a run, an artifact, a model, a dataset) travels as an encoded query parameter, so no
 * name from the store can ever become a path the server resolves.
 */
final class Links {

    static final String HOME = "/";
    static final String RUNS = "/runs";
    static final String RUN = "/run";
    static final String COMPARE = "/compare";
    static final String ARTIFACT = "/artifact";
    static final String MODELS = "/models";
    static final String MODEL = "/model";
    static final String DATASETS = "/datasets";
    static final String DATASET = "/dataset";

    private Links() {
    }

    static String runs(String experiment) {
        return RUNS + "?experiment=" + encode(experiment);
    }

    static String runs(String experiment, String query, int offset, int limit) {
        return runs(experiment) + (query.isEmpty() ? "" : "&q=" + encode(query))
                + (offset == 0 ? "" : "&offset=" + offset) + "&limit=" + limit;
    }

    static String run(String id) {
        return RUN + "?id=" + encode(id);
    }

    static String artifact(String run, String path) {
        return ARTIFACT + "?run=" + encode(run) + "&path=" + encode(path);
    }

    static String compare(List<String> runs) {
        StringBuilder link = new StringBuilder(COMPARE);
        for (int i = 0; i < runs.size(); i++) {
            link.append(i == 0 ? '?' : '&').append("run=").append(encode(runs.get(i)));
        }
        return link.toString();
    }

    static String model(String name) {
        return MODEL + "?name=" + encode(name);
    }

    static String dataset(DatasetVersion version) {
        return dataset(version.reference());
    }

    static String dataset(String reference) {
        return DATASET + "?ref=" + encode(reference);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
