"""Reference values for Calibration: top-label expected and maximum calibration error with equal-width
bins, computed with numpy's digitize (bins (lo, hi], a confidence of 0 in the first bin).
Run: python3 calibration_reference.py > calibration_reference.json"""
import json
import numpy as np

rng = np.random.default_rng(7)
n = 1000
confidence = rng.beta(5, 2, size=n)
# a model that is overconfident: right less often than its confidence says
correct = rng.random(n) < confidence ** 1.3
confidence = np.concatenate([confidence, [0.0, 1.0, 0.5]])
correct = np.concatenate([correct, [False, True, True]])

out = {"confidence": [float(c) for c in confidence], "correct": [bool(c) for c in correct], "bins": {}}
for bins in (1, 10, 15):
    edges = np.linspace(0.0, 1.0, bins + 1)
    index = np.digitize(confidence, edges[1:-1], right=True)
    ece, mce, counts = 0.0, 0.0, []
    for b in range(bins):
        mask = index == b
        counts.append(int(mask.sum()))
        if mask.any():
            gap = abs(correct[mask].mean() - confidence[mask].mean())
            ece += gap * mask.sum() / len(confidence)
            mce = max(mce, gap)
    out["bins"][str(bins)] = {"ece": float(ece), "mce": float(mce), "counts": counts}
print(json.dumps(out))
