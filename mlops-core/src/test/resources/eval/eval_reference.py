"""Reference values for dev.mlops.core.eval, computed with scikit-learn (Debian's python3-sklearn).

Run from this directory (apt-get install python3-sklearn):
    /usr/bin/python3 eval_reference.py > eval_reference.json
The inputs are generated here with a seeded NumPy generator and stored in the JSON beside the
expected values, so the Java test evaluates exactly these rows.
"""
import json

import numpy as np
import sklearn
from sklearn import metrics

rng = np.random.default_rng(20261123)


def binary_case(n, tie_rounding):
    actual = rng.integers(0, 2, n)
    # scores loosely follow the label; rounding creates ties, which the curves must group
    score = np.clip(0.35 * actual + rng.normal(0.35, 0.2, n), 0.0, 1.0)
    score = np.round(score, tie_rounding)
    predicted = (score >= 0.5).astype(int)
    labels = ["neg", "pos"]
    fpr, tpr, thr = metrics.roc_curve(actual, score, drop_intermediate=False)
    precision, recall, pr_thr = metrics.precision_recall_curve(actual, score)
    p, r, f, s = metrics.precision_recall_fscore_support(actual, predicted, labels=[0, 1], zero_division=0)
    return {
        "labels": labels,
        "actual": [labels[a] for a in actual],
        "predicted": [labels[a] for a in predicted],
        "probabilities": [[1 - x, x] for x in score.tolist()],
        "accuracy": metrics.accuracy_score(actual, predicted),
        "precision": p.tolist(), "recall": r.tolist(), "f1": f.tolist(), "support": s.tolist(),
        "macroF1": metrics.f1_score(actual, predicted, average="macro", zero_division=0),
        "weightedF1": metrics.f1_score(actual, predicted, average="weighted", zero_division=0),
        "weightedPrecision": metrics.precision_score(actual, predicted, average="weighted", zero_division=0),
        "logLoss": metrics.log_loss(actual, np.column_stack([1 - score, score]), labels=[0, 1]),
        "rocAuc": metrics.roc_auc_score(actual, score),
        "prAuc": metrics.average_precision_score(actual, score),
        "confusion": metrics.confusion_matrix(actual, predicted, labels=[0, 1]).tolist(),
        # sklearn starts the ROC curve at (0, 0) with threshold inf, as we do
        "rocFpr": fpr.tolist(), "rocTpr": tpr.tolist(),
        # sklearn 1.2 lists PR points by increasing threshold from where recall first reaches 1,
        # and appends (recall 0, precision 1); reversed, they are a prefix of our points
        "prRecall": recall[:-1][::-1].tolist(), "prPrecision": precision[:-1][::-1].tolist(),
    }


def multiclass_case(n):
    labels = ["a", "b", "c"]
    actual = rng.integers(0, 3, n)
    logits = rng.normal(0, 1, (n, 3))
    logits[np.arange(n), actual] += 1.2
    proba = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    proba = np.round(proba, 6)
    proba[:, 2] = 1 - proba[:, 0] - proba[:, 1]
    predicted = proba.argmax(axis=1)
    p, r, f, s = metrics.precision_recall_fscore_support(actual, predicted, labels=[0, 1, 2], zero_division=0)
    one_hot = np.eye(3)[actual]
    return {
        "labels": labels,
        "actual": [labels[a] for a in actual],
        "predicted": [labels[a] for a in predicted],
        "probabilities": proba.tolist(),
        "accuracy": metrics.accuracy_score(actual, predicted),
        "precision": p.tolist(), "recall": r.tolist(), "f1": f.tolist(), "support": s.tolist(),
        "macroF1": metrics.f1_score(actual, predicted, average="macro", zero_division=0),
        "weightedF1": metrics.f1_score(actual, predicted, average="weighted", zero_division=0),
        "weightedPrecision": metrics.precision_score(actual, predicted, average="weighted", zero_division=0),
        "logLoss": metrics.log_loss(actual, proba, labels=[0, 1, 2]),
        "rocAuc": metrics.roc_auc_score(actual, proba, multi_class="ovr", average="macro"),
        "prAuc": float(np.mean([metrics.average_precision_score(one_hot[:, k], proba[:, k]) for k in range(3)])),
        "confusion": metrics.confusion_matrix(actual, predicted, labels=[0, 1, 2]).tolist(),
    }


def regression_case(n):
    actual = rng.normal(50, 12, n)
    predicted = actual + rng.normal(1.5, 4, n)
    residual = actual - predicted
    return {
        "actual": actual.tolist(), "predicted": predicted.tolist(),
        "rmse": float(np.sqrt(metrics.mean_squared_error(actual, predicted))),
        "mae": metrics.mean_absolute_error(actual, predicted),
        "r2": metrics.r2_score(actual, predicted),
        "mape": metrics.mean_absolute_percentage_error(actual, predicted),
        "residualMean": float(residual.mean()), "residualStd": float(residual.std(ddof=1)),
        "residualQuartiles": np.quantile(residual, [0.0, 0.25, 0.5, 0.75, 1.0]).tolist(),
    }


print(json.dumps({
    "tool": "scikit-learn " + sklearn.__version__ + ", numpy " + np.__version__,
    "binaryTies": binary_case(400, 1),
    "binary": binary_case(1000, 4),
    "multiclass": multiclass_case(600),
    "regression": regression_case(500),
}, indent=1))
