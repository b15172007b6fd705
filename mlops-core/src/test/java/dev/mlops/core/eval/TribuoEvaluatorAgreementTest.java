package dev.mlops.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mlops.api.Frame;
import dev.mlops.api.Prediction;
import dev.mlops.core.bundle.ModelBundle;
import dev.mlops.core.pipeline.Training;
import dev.mlops.core.prep.Prep;
import dev.mlops.core.train.Algorithms;
import dev.mlops.core.train.Iris;
import dev.mlops.core.train.internal.TribuoData;
import dev.mlops.core.train.internal.TribuoModel;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.tribuo.Model;
import org.tribuo.Dataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.evaluation.RegressionEvaluation;
import org.tribuo.regression.evaluation.RegressionEvaluator;

/** Our metrics and Tribuo's own evaluators agree on the same Tribuo predictions. */
class TribuoEvaluatorAgreementTest {

    private static final Frame IRIS = Iris.frame();

    @Test
    void threeClassesAgreeWithLabelEvaluator() {
        agree(Training.with(Algorithms.tribuo().logisticRegression().epochs(3))
                .fit(IRIS, "species", Prep.chain(Prep.standardize())), IRIS);
        agree(Training.with(Algorithms.tribuo().xgboost().trees(5).maxDepth(2))
                .fit(IRIS, "species", Prep.chain()), IRIS);
    }

    @Test
    void twoClassesAgreeWithLabelEvaluator() {
        int[] rows = IntStream.range(50, 150).toArray();
        Frame hard = IRIS.take(rows);
        agree(Training.with(Algorithms.tribuo().logisticRegression().epochs(2))
                .fit(hard, "species", Prep.chain(Prep.standardize())), hard);
        agree(Training.with(Algorithms.tribuo().cart().maxDepth(2)).fit(hard, "species", Prep.chain()), hard);
    }

    @Test
    void regressionAgreesWithRegressionEvaluator() {
        Frame data = IRIS.drop("species");
        ModelBundle bundle = Training.with(Algorithms.tribuo().linearRegression().epochs(3))
                .fit(data, "petal_width", Prep.chain(Prep.standardize()));
        RegressionMetrics ours = Evaluation.regression(bundle, data);
        @SuppressWarnings("unchecked")
        Model<Regressor> model = (Model<Regressor>) ((TribuoModel) bundle.model()).tribuoModel();
        Dataset<Regressor> dataset = TribuoData.regression(prepared(bundle, data), "petal_width",
                bundle.model().inputs());
        RegressionEvaluation tribuo = new RegressionEvaluator().evaluate(model, dataset);
        Regressor dimension = new Regressor("petal_width", Double.NaN);
        assertEquals(tribuo.rmse(dimension), ours.rmse(), 1e-12);
        assertEquals(tribuo.mae(dimension), ours.mae(), 1e-12);
        assertEquals(tribuo.r2(dimension), ours.r2(), 1e-12);
    }

    private static void agree(ModelBundle bundle, Frame data) {
        @SuppressWarnings("unchecked")
        Model<Label> model = (Model<Label>) ((TribuoModel) bundle.model()).tribuoModel();
        Dataset<Label> dataset = TribuoData.classification(prepared(bundle, data), "species",
                bundle.model().inputs());
        List<org.tribuo.Prediction<Label>> tribuoPredictions = model.predict(dataset);
        LabelEvaluation tribuo = new LabelEvaluator().evaluate(model, tribuoPredictions, dataset.getProvenance());

        List<Prediction> predictions = bundle.predict(data);
        ClassificationMetrics ours = ClassificationMetrics.of(bundle.signature().labels(),
                Evaluation.actualLabels(data, "species"), predictions);

        assertEquals(tribuo.accuracy(), ours.accuracy(), 1e-12);
        assertEquals(tribuo.macroAveragedF1(), ours.macroF1(), 1e-12);
        for (String name : bundle.signature().labels()) {
            Label label = new Label(name);
            assertEquals(tribuo.precision(label), ours.of(name).precision(), 1e-12, name);
            assertEquals(tribuo.recall(label), ours.of(name).recall(), 1e-12, name);
            assertEquals(tribuo.f1(label), ours.of(name).f1(), 1e-12, name);
            if (model.generatesProbabilities()) {
                assertEquals(tribuo.AUCROC(label), ours.rocAuc(name), 1e-12, name);
                assertEquals(tribuo.averagedPrecision(label),
                        ClassificationMetrics.of(bundle.signature().labels(), name, Evaluation.actualLabels(data,
                                "species"), predictions).prAuc(), 1e-12, name);
            }
            for (String predicted : bundle.signature().labels()) {
                assertEquals(tribuo.getConfusionMatrix().confusion(new Label(predicted), label),
                        ours.confusion().count(name, predicted), 1e-12);
            }
        }
    }

    private static Frame prepared(ModelBundle bundle, Frame data) {
        String target = bundle.signature().target();
        return bundle.preparation().transform(data.drop(target)).withColumn(data.column(target));
    }
}
