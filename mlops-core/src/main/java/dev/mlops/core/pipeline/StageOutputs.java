package dev.mlops.core.pipeline;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.core.bundle.ModelBundle;
import dev.mlops.core.tune.Trial;
import dev.mlops.core.tune.TuningResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The outputs of cached stages as bytes and back. A model is kept as its bundle, whose checksums are verified on reading. */
final class StageOutputs {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StageOutputs() {
    }

    /** What TRAIN made: the model, and the search when it tuned. */
    record Trained(ModelBundle bundle, TuningResult tuning) {
    }

    /** What EVALUATE measured: the new model's metrics, the champion's, and why the champion could not be scored. */
    record Evaluated(Map<String, Double> metrics, Map<String, Double> champion, String championProblem,
            String monitoring) {
    }

    static byte[] trained(Trained trained) {
        byte[] bundle = trained.bundle().toBytes();
        byte[] search = trained.tuning() == null ? new byte[0] : json(tuning(trained.tuning()));
        return ByteBuffer.allocate(4 + search.length + bundle.length).putInt(search.length).put(search).put(bundle)
                .array();
    }

    static Trained trained(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        int length = bytes.length < 4 ? -1 : buffer.getInt();
        if (length < 0 || length > buffer.remaining()) {
            throw new IllegalArgumentException("not a trained model's entry: a search of " + length + " bytes in "
                    + bytes.length);
        }
        byte[] search = new byte[length];
        buffer.get(search);
        byte[] bundleBytes = new byte[buffer.remaining()];
        buffer.get(bundleBytes);
        ModelBundle bundle = ModelBundle.fromBytes(bundleBytes, "stage cache");
        return new Trained(bundle, search.length == 0 ? null : tuning(read(search), bundle));
    }

    /** A search's entry: a model and its search; an entry without the search is not one. */
    static Trained searched(byte[] bytes) {
        Trained trained = trained(bytes);
        if (trained.tuning() == null) {
            throw new IllegalArgumentException("not a search's entry: it holds no search");
        }
        return trained;
    }

    static byte[] evaluated(Evaluated evaluated) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("metrics", evaluated.metrics());
        root.put("champion", evaluated.champion());
        root.put("championProblem", evaluated.championProblem());
        root.put("monitoring", evaluated.monitoring());
        return json(root);
    }

    static Evaluated evaluated(byte[] bytes) {
        Map<String, Object> root = read(bytes);
        return new Evaluated(numbers(root.get("metrics")), numbers(root.get("champion")),
                (String) root.get("championProblem"), (String) root.get("monitoring"));
    }

    private static Map<String, Object> tuning(TuningResult result) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("metric", result.metric());
        root.put("maximize", result.maximize());
        root.put("best", result.best().index());
        List<Object> trials = new ArrayList<>();
        for (Trial trial : result.trials()) {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("index", trial.index());
            node.put("config", trial.config());
            node.put("hyperparameters", trial.hyperparameters());
            node.put("metrics", trial.metrics());
            node.put("deviations", trial.deviations());
            node.put("score", trial.score());
            node.put("nanos", trial.duration().toNanos());
            node.put("error", trial.error());
            trials.add(node);
        }
        root.put("trials", trials);
        return root;
    }

    @SuppressWarnings("unchecked")
    private static TuningResult tuning(Map<String, Object> root, ModelBundle bundle) {
        List<Trial> trials = new ArrayList<>();
        Trial best = null;
        for (Object item : (List<?>) root.get("trials")) {
            Map<String, Object> node = (Map<String, Object>) item;
            Trial trial = new Trial(((Number) node.get("index")).intValue(), (Map<String, Object>) node.get("config"),
                    (Map<String, String>) node.get("hyperparameters"), numbers(node.get("metrics")),
                    numbers(node.get("deviations")), number(node.get("score")),
                    Duration.ofNanos(((Number) node.get("nanos")).longValue()), (String) node.get("error"));
            trials.add(trial);
            if (trial.index() == ((Number) root.get("best")).intValue()) {
                best = trial;
            }
        }
        return new TuningResult((String) root.get("metric"), (Boolean) root.get("maximize"), trials, best, bundle);
    }

    private static Map<String, Double> numbers(Object map) {
        Map<String, Double> numbers = new LinkedHashMap<>();
        if (map instanceof Map<?, ?> m) {
            m.forEach((key, value) -> numbers.put((String) key, number(value)));
        }
        return numbers;
    }

    /** A number as JSON holds it; NaN and the infinities arrive as text. */
    private static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : Double.parseDouble((String) value);
    }

    private static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> read(byte[] bytes) {
        try {
            return JSON.readValue(bytes, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
