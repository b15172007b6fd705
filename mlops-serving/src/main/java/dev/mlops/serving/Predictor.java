package dev.mlops.serving;

import dev.mlops.api.Features;
import dev.mlops.api.Frame;
import dev.mlops.api.InvalidInputException;
import dev.mlops.api.InvalidInputException.Problem;
import dev.mlops.api.Prediction;
import dev.mlops.api.PredictionId;
import dev.mlops.api.model.Model;
import dev.mlops.api.model.Signature;
import dev.mlops.core.bundle.ModelBundle;
import dev.mlops.core.train.CompiledModel;
import dev.mlops.core.train.PreparedModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One loaded model version, ready to answer requests from any number of threads. Each request is
 * checked against the signature first, whole: a missing or unknown field, a value of the wrong type,
 * NaN or infinity, a null where the model was trained without missing values, or a category the
 * fitted preparation would refuse gives one {@link InvalidInputException} listing every problem by
 * field, and nothing is predicted. A valid row then runs through the preparation and model compiled
 * for single rows ({@link CompiledModel}): no map rebuilt per step, no parsing, no reflection. Every
 * answer carries a fresh {@link PredictionId} and the model name and version that produced it.
 *
 * <p>Made by {@link Serving}; immutable and thread-safe.
 *
 * @since 0.1
 */
public final class Predictor implements Model {

    /** Problems listed for a list of rows at most; the rest are counted. */
    private static final int MAX_LISTED = 100;

    private final String model;
    private final int version;
    private final ModelBundle bundle;
    private final PreparedModel prepared;
    private final CompiledModel compiled;
    private final RequestCheck check;
    private final RequestPolicy policy;
    private final long artifactBytes;

    Predictor(String model, int version, ModelBundle bundle, RequestPolicy policy, long artifactBytes) {
        this.artifactBytes = artifactBytes;
        this.model = Objects.requireNonNull(model, "model");
        this.version = version;
        this.bundle = Objects.requireNonNull(bundle, "bundle");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.prepared = bundle.prepared();
        this.compiled = prepared.compiled();
        this.check = RequestCheck.of(bundle.signature(), bundle.preparation(), policy);
    }

    /** The model's name: its registry name, or the name it was given. */
    public String model() {
        return model;
    }

    /** Its registry version, or 0 for a bundle not loaded from a registry. */
    public int version() {
        return version;
    }

    /** How requests with unknown fields are treated. */
    public RequestPolicy policy() {
        return policy;
    }

    /** The size of the bundle it was loaded from, or 0 when it was not loaded from bytes. */
    long artifactBytes() {
        return artifactBytes;
    }

    /** The bundle it serves. */
    public ModelBundle bundle() {
        return bundle;
    }

    /** This predictor's model with requests checked under {@code other}. */
    public Predictor withPolicy(RequestPolicy other) {
        return other == policy ? this : new Predictor(model, version, bundle, other, artifactBytes);
    }

    @Override
    public Signature signature() {
        return bundle.signature();
    }

    /**
     * Predicts one row.
     *
     * @throws InvalidInputException               listing every problem of the row, before anything is predicted
     * @throws dev.mlops.api.DataException         if the preparation refuses a value it could not be checked for
     */
    @Override
    public Prediction predict(Features row) {
        Objects.requireNonNull(row, "row");
        List<Problem> problems = check.problems(row);
        if (problems != null) {
            throw new InvalidInputException("prediction request", problems);
        }
        return served(compiled.predict(row));
    }

    /**
     * Predicts every row, in order, after checking them all: one invalid row refuses the whole list,
     * with the problems of every row (the reason starts with its row number; past 100, they are counted).
     *
     * @throws InvalidInputException listing every problem of every row
     */
    public List<Prediction> predictAll(List<Features> rows) {
        Objects.requireNonNull(rows, "rows");
        List<Problem> problems = new ArrayList<>();
        int more = 0;
        for (int i = 0; i < rows.size(); i++) {
            List<Problem> found = check.problems(Objects.requireNonNull(rows.get(i), "row " + i));
            if (found != null) {
                for (Problem problem : found) {
                    if (problems.size() < MAX_LISTED) {
                        problems.add(new Problem(problem.field(), "row " + i + ": " + problem.reason()));
                    } else {
                        more++;
                    }
                }
            }
        }
        if (more > 0) {
            problems.add(new Problem("rows", "and " + more + " more problems, not listed"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("prediction requests", problems);
        }
        List<Prediction> out = new ArrayList<>(rows.size());
        for (Features row : rows) {
            out.add(served(compiled.predict(row)));
        }
        return out;
    }

    /**
     * Predicts every row of {@code frame}, in order, under the same rules as a single row: the frame
     * needs every input column with its type, and under {@link RequestPolicy#STRICT} no other column.
     *
     * @throws InvalidInputException listing every problem by column, with the first rows that have it
     */
    @Override
    public List<Prediction> predict(Frame frame) {
        Objects.requireNonNull(frame, "frame");
        List<Problem> problems = check.problems(frame);
        if (problems != null) {
            throw new InvalidInputException("frame to predict", problems);
        }
        List<Prediction> predictions = prepared.predict(frame);
        List<Prediction> out = new ArrayList<>(predictions.size());
        for (Prediction prediction : predictions) {
            out.add(served(prediction));
        }
        return out;
    }

    private Prediction served(Prediction prediction) {
        return prediction.withOrigin(new Prediction.Origin(PredictionId.next(), model, version));
    }

    @Override
    public String toString() {
        return "Predictor[" + model + (version > 0 ? "/" + version : "") + ", " + policy + "]";
    }
}
