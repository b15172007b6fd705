package dev.mlops.tracking.contract;

import dev.mlops.api.Field;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.Schema;
import dev.mlops.api.tracking.DatasetOrigin;
import dev.mlops.api.tracking.DatasetRole;
import dev.mlops.api.tracking.DatasetVersion;
import dev.mlops.api.tracking.Experiment;
import dev.mlops.api.tracking.ModelRegistry;
import dev.mlops.api.tracking.ModelSource;
import dev.mlops.api.tracking.ReviewItem;
import dev.mlops.api.tracking.ReviewQueue;
import dev.mlops.api.tracking.ReviewState;
import dev.mlops.api.tracking.Run;
import dev.mlops.api.tracking.RunStatus;
import dev.mlops.api.tracking.Tracker;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A store worth copying, written through the public API only: every kind of entry, the awkward
 * values (NaN, infinities, -0.0, SQL and JSON metacharacters, emoji), shared bodies, a deleted model
 * version, a history longer than one write.
 */
public final class StoreSamples {

    /** Hostile text that is still a valid value everywhere. */
    public static final String HOSTILE = "x'); drop table runs; -- \"}]\\u0000 <script> \u00e9\uD83D\uDE00";
    /** Points of the parent run's {@code loss}: more than one batch, one stored record, or one copy write. */
    public static final int LOSS_POINTS = 12_345;

    private StoreSamples() {
    }

    /**
     * What the sample holds, as the test wrote it.
     *
     * @param parentRunId  the run with params, metrics, artifacts and inputs
     * @param childRunId   its failed child
     * @param killedRunId  a run ended as KILLED, in a second experiment
     * @param loss         the parent's {@code loss} values, in the order logged
     * @param lastVersion  the highest version number model {@code churn} gave (one was deleted)
     */
    public record Expected(String parentRunId, String childRunId, String killedRunId, List<Double> loss,
            int lastVersion) {
    }

    /** Writes the sample into {@code tracker}, which should be empty. */
    public static Expected populate(Tracker tracker) {
        Experiment adult = tracker.experiment("adult");
        adult.describe("income above 50K, " + HOSTILE);
        adult.tag("team", HOSTILE);
        DatasetVersion train = tracker.datasets().log("adult-train", frame(1, -2, 3.5, Double.NaN));
        DatasetVersion test = tracker.datasets().log("adult-train", frame(4, 5),
                DatasetOrigin.query("select * from adult where id > ? and note = ?", 7, HOSTILE));
        tracker.datasets().log("same-content", frame(1, -2, 3.5, Double.NaN)); // one body, two names

        List<Double> loss = new ArrayList<>();
        String parentId;
        String childId;
        try (Run parent = adult.start("logistic " + HOSTILE)) {
            parentId = parent.id();
            parent.logParams(Map.of("epochs", "20", "penalty", HOSTILE));
            parent.tag("stage", "candidate");
            parent.tag("stage", "final"); // replaced
            double[] awkward = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0,
                    Double.MIN_VALUE, -Double.MAX_VALUE};
            for (int i = 0; i < LOSS_POINTS; i++) {
                double value = i < awkward.length ? awkward[i] : 1.0 / (i + 1);
                parent.logMetric("loss", value, i);
                loss.add(value);
            }
            parent.logMetric("accuracy", 0.81, 3);
            parent.logMetric("accuracy", 0.86, 1); // an earlier step logged later
            parent.logMetric("accuracy", 0.84, 3); // the same step again: the latest wins
            parent.logArtifact("reports/summary.txt", ("summary " + HOSTILE).getBytes(StandardCharsets.UTF_8));
            parent.logArtifact("shared.bin", new byte[] {0, 1, 2, (byte) 255});
            parent.logJson("plots/roc.json", "{\"auc\": 0.9, \"note\": \"<b>\"}");
            parent.logInput(train, DatasetRole.TRAIN);
            parent.logInput(test, DatasetRole.TEST);
            try (Run child = parent.startChild("fold 1")) {
                childId = child.id();
                child.logMetric("loss", 0.5, 0);
                child.logArtifact("shared.bin", new byte[] {0, 1, 2, (byte) 255}); // the parent's body
                child.fail(new IllegalStateException("diverged at fold 1: " + HOSTILE));
            }
        }
        String killedId;
        Experiment other = tracker.experiment("churn-study");
        try (Run killed = other.start()) {
            killedId = killed.id();
            killed.logMetric("rows", 10, 0);
            killed.end(RunStatus.KILLED);
        }

        ModelRegistry registry = tracker.registry();
        registry.createModel("churn", "predicts churn " + HOSTILE, Map.of("owner", HOSTILE));
        registry.register("churn", ModelSource.opaque(bytes("v1")).fromRun(parentId).trainedOn(train)
                .metric("auc", 0.91).description("first").tag("k", "v"));
        registry.register("churn", ModelSource.opaque(bytes("v2")).metric("auc", Double.NaN));
        registry.register("churn", ModelSource.opaque(bytes("v3")));
        registry.review("churn/1", ReviewState.APPROVED, "alice", "looks right " + HOSTILE);
        registry.requireApproval("churn", "champion", true);
        registry.setAlias("churn", "champion", 1);
        registry.setAlias("churn", "challenger", 2);
        registry.tagVersion("churn/2", "note", HOSTILE);
        registry.delete("churn/3"); // its number stays taken
        registry.review("churn/2", ReviewState.REJECTED, "bob", "");
        registry.removeAlias("churn", "challenger");
        registry.review("churn/2", ReviewState.ARCHIVED, "bob", "superseded");
        registry.createModel("empty", "", Map.of());

        ReviewQueue queue = tracker.reviewQueue("low-confidence", 10);
        queue.offer(item("a", 0.51));
        queue.offer(item("b", 0.55));
        queue.offer(item("c", 0.52));
        queue.review("b", "no", "clearly below " + HOSTILE, "carol");
        queue.review("a", 42.5, "", "dave");
        tracker.reviewQueue("empty-queue", 3); // opened, never used: nothing to copy
        return new Expected(parentId, childId, killedId, List.copyOf(loss), 3);
    }

    /** A review item with awkward features. */
    public static ReviewItem item(String id, double confidence) {
        Map<String, Object> features = new LinkedHashMap<>();
        features.put("age", 37);
        features.put("workclass", HOSTILE);
        features.put("missing", null);
        features.put("flag", true);
        return new ReviewItem(id, "adult-prod", "churn", 1, features, "yes", confidence,
                Instant.parse("2026-11-30T10:15:30.123456789Z"));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Frame frame(double... values) {
        Frame.RowBuilder rows = Frame.builder(Schema.of(Field.of("x", FieldType.NUMERIC),
                Field.of("label " + HOSTILE, FieldType.CATEGORICAL)));
        for (double value : values) {
            rows.add(value, value > 0 ? "pos" : HOSTILE);
        }
        return rows.build();
    }
}
