#!/usr/bin/env python3
"""Independent reference figures for the Adult files, computed with Python's csv module (not our reader).

Run from the repository root:
  python3 samples/src/test/resources/reference/adult_reference.py > samples/src/test/resources/reference/adult_reference.json
"""
import csv
import json
import math

BASE = "samples/src/main/resources/datasets/adult/"
NUMERIC = ["age", "fnlwgt", "education-num", "capital-gain", "capital-loss", "hours-per-week"]


def summarize(name):
    with open(BASE + name, newline="", encoding="utf-8") as f:
        rows = [r for r in csv.reader(f, delimiter=",", skipinitialspace=True) if r]
    header, data = rows[0], rows[1:]
    out = {"rows": len(data), "columns": header, "missing": {}, "distinct": {}, "sums": {}}
    for i, col in enumerate(header):
        values = [r[i] for r in data]
        out["missing"][col] = sum(1 for v in values if v == "?")
        if col in NUMERIC:
            out["sums"][col] = math.fsum(float(v) for v in values if v != "?")
        else:
            out["distinct"][col] = len({v for v in values if v != "?"})
    out["rows_with_missing"] = sum(1 for r in data if "?" in r)
    return out


def column(name, col):
    with open(BASE + name, newline="", encoding="utf-8") as f:
        rows = [r for r in csv.reader(f, delimiter=",", skipinitialspace=True) if r]
    i = rows[0].index(col)
    return [r[i] for r in rows[1:] if r[i] != "?"]


def drift():
    """Evidently's default tests for adult.test against adult.data (reference > 1,000 rows)."""
    import numpy as np
    from scipy import stats
    from scipy.spatial import distance
    out = {}
    for col in NUMERIC:
        ref = np.array([float(v) for v in column("adult.data", col)])
        cur = np.array([float(v) for v in column("adult.test", col)])
        out[col] = float(stats.wasserstein_distance(ref, cur) / max(np.std(ref), 0.001))
    for col in ["workclass", "native-country", "Salary"]:
        ref, cur = column("adult.data", col), column("adult.test", col)
        keys = sorted(set(ref) | set(cur))
        rp = np.array([ref.count(k) / len(ref) for k in keys])
        cp = np.array([cur.count(k) / len(cur) for k in keys])
        out[col] = float(distance.jensenshannon(rp, cp, 2))
    return out


print(json.dumps({"adult.data": summarize("adult.data"), "adult.test": summarize("adult.test"),
                  "drift_test_vs_data": drift()}, indent=1))
