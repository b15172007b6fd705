"""Reference values for IsotonicCalibrator: isotonic regression of correctness on confidence with
SciPy (scipy.optimize.isotonic_regression, increasing, on the distinct confidences weighted by how
often each occurs, their outcomes averaged), read at query points with numpy.interp (linear, clipped
at the ends), as scikit-learn's IsotonicRegression(out_of_bounds="clip") does.
Run: python3 isotonic_reference.py > isotonic_reference.json"""
import json
import numpy as np
from scipy.optimize import isotonic_regression

rng = np.random.default_rng(11)
cases = {}


def case(name, confidence, correct):
    confidence = np.asarray(confidence, dtype=float)
    correct = np.asarray(correct, dtype=float)
    xs, inverse, counts = np.unique(confidence, return_inverse=True, return_counts=True)
    means = np.bincount(inverse, weights=correct) / counts
    fitted = isotonic_regression(means, weights=counts.astype(float), increasing=True).x
    queries = np.concatenate([xs, np.linspace(-0.1, 1.1, 61), (xs[:-1] + xs[1:]) / 2 if len(xs) > 1 else []])
    cases[name] = {"confidence": [float(c) for c in confidence], "correct": [bool(c) for c in correct],
                   "queries": [float(q) for q in queries],
                   "expected": [float(v) for v in np.interp(queries, xs, fitted)]}


c = rng.beta(5, 2, size=500)
case("overconfident", c, rng.random(500) < c ** 1.5)
# rounded confidences: many ties
c = np.round(rng.uniform(0.5, 1.0, size=400), 2)
case("ties", c, rng.random(400) < c)
case("all right", [0.6, 0.7, 0.9], [True, True, True])
case("decreasing", [0.1, 0.2, 0.3, 0.4], [True, True, False, False])
case("one", [0.8], [False])
print(json.dumps(cases))
