package dev.mlops.core.train.internal;

import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import dev.mlops.api.model.ProgressEvent;
import dev.mlops.api.model.ProgressListener;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.tribuo.Dataset;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.classification.Label;
import org.tribuo.classification.xgboost.XGBoostClassificationConverter;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.common.xgboost.XGBoostTrainer;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.TrainerProvenance;

/**
 * Tribuo's XGBoost classifier, trained round by round so that each boosting round can be reported
 * as progress. Tribuo's own trainer hands all rounds to one {@code XGBoost.train} call, which
 * exposes nothing while it runs. This makes the same native calls in the same order (a booster
 * created by a zero-round {@code XGBoost.train}, then {@code Booster.update(data, round)} for each
 * round, exactly as {@code XGBoost.train} does without watches), so the model is the same to the
 * bit; it records the provenance of the equally configured Tribuo trainer.
 */
public final class XGBoostRounds extends XGBoostTrainer<Label> {

    private final XGBoostClassificationTrainer configuredAs;
    private final ProgressListener listener;
    private final String label;

    /**
     * @param settings the same settings as Tribuo's twelve-argument {@link XGBoostClassificationTrainer}
     * @param listener told each round as it ends
     * @param label    the label of the progress events
     */
    public XGBoostRounds(Settings settings, ProgressListener listener, String label) {
        super(settings.trees(), settings.eta(), settings.gamma(), settings.maxDepth(), settings.minChildWeight(),
                settings.subsample(), settings.featureSubsample(), settings.lambda(), settings.alpha(),
                settings.threads(), true, settings.seed());
        this.configuredAs = settings.tribuoTrainer();
        this.listener = listener;
        this.label = label;
        postConfig(); // fills the native parameters from the settings, as Tribuo's constructors do
        parameters.put("objective", "multi:softprob"); // what Tribuo's classifier adds in its postConfig
    }

    /** The settings of an XGBoost classifier, in Tribuo's terms. */
    public record Settings(int trees, double eta, double gamma, int maxDepth, double minChildWeight, double subsample,
            double featureSubsample, double lambda, double alpha, int threads, long seed) {

        /** Tribuo's own trainer with these settings (silent). */
        public XGBoostClassificationTrainer tribuoTrainer() {
            return new XGBoostClassificationTrainer(trees, eta, gamma, maxDepth, minChildWeight, subsample,
                    featureSubsample, lambda, alpha, threads, true, seed);
        }
    }

    @Override
    public XGBoostModel<Label> train(Dataset<Label> examples) {
        return train(examples, Map.of());
    }

    @Override
    public XGBoostModel<Label> train(Dataset<Label> examples, Map<String, Provenance> runProvenance) {
        return train(examples, runProvenance, INCREMENT_INVOCATION_COUNT);
    }

    @Override
    public synchronized XGBoostModel<Label> train(Dataset<Label> examples, Map<String, Provenance> runProvenance,
            int invocationCount) {
        if (examples.getOutputInfo().getUnknownCount() > 0) {
            throw new IllegalArgumentException("the training data has unknown labels");
        }
        if (invocationCount != INCREMENT_INVOCATION_COUNT) {
            setInvocationCount(invocationCount);
        }
        TrainerProvenance trainerProvenance = getProvenance();
        ImmutableOutputInfo<Label> outputs = examples.getOutputIDInfo();
        Map<String, Object> params = copyParams(parameters);
        params.put("num_class", outputs.size());
        DMatrixTuple<Label> data;
        Booster booster = null;
        boolean trained = false;
        try {
            data = convertExamples(examples, examples.getFeatureIDMap(), l -> (float) outputs.getID(l));
            try {
                booster = XGBoost.train(data.data, params, 0, Map.of(), null, null);
                listener.onProgress(new ProgressEvent(ProgressEvent.Stage.ROUND, label, 0, numTrees, ""));
                for (int round = 0; round < numTrees; round++) {
                    booster.update(data.data, round);
                    listener.onProgress(new ProgressEvent(ProgressEvent.Stage.ROUND, label, round + 1, numTrees, ""));
                }
                trained = true;
            } finally {
                data.data.dispose();
                if (!trained && booster != null) {
                    booster.dispose(); // native memory, not left to the finalizer
                }
            }
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost failed: " + e.getMessage(), e);
        }
        trainInvocationCounter++;
        ModelProvenance provenance = new ModelProvenance(XGBoostModel.class.getName(), OffsetDateTime.now(),
                examples.getProvenance(), trainerProvenance, runProvenance);
        return createModel("xgboost-classification-model", provenance, examples.getFeatureIDMap(), outputs,
                List.of(booster), new XGBoostClassificationConverter());
    }

    @Override
    public TrainerProvenance getProvenance() {
        configuredAs.setInvocationCount(trainInvocationCounter);
        return configuredAs.getProvenance();
    }
}
