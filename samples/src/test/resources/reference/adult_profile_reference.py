#!/usr/bin/env python3
"""Independent profile figures for adult.data, computed with NumPy and SciPy (not our code).

Run from the repository root:
  python3 samples/src/test/resources/reference/adult_profile_reference.py > samples/src/test/resources/reference/adult_profile_reference.json
"""
import csv
import json
from collections import Counter

import numpy as np
from scipy.stats import contingency

PATH = "samples/src/main/resources/datasets/adult/adult.data"
NUMERIC = ["age", "fnlwgt", "education-num", "capital-gain", "capital-loss", "hours-per-week"]
LEVELS = [0.0, 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99, 1.0]

with open(PATH, newline="", encoding="utf-8") as f:
    rows = [r for r in csv.reader(f, delimiter=",", skipinitialspace=True) if r]
header, data = rows[0], rows[1:]
col = {name: [r[i] for r in data] for i, name in enumerate(header)}

out = {"numeric": {}, "categorical": {}, "pearson": {}, "cramers_v": {}, "eta_with_salary": {}}
for name in NUMERIC:
    x = np.array([float(v) for v in col[name]])
    q1, q3 = np.quantile(x, 0.25), np.quantile(x, 0.75)
    iqr = q3 - q1
    counts, edges = np.histogram(x, bins=10, range=(x.min(), x.max()))
    out["numeric"][name] = {
        "distinct": int(len(np.unique(x))), "min": float(x.min()), "max": float(x.max()),
        "mean": float(x.mean()), "std": float(x.std(ddof=1)),
        "quantiles": [float(np.quantile(x, q)) for q in LEVELS],
        "histogram": [int(c) for c in counts], "edges": [float(e) for e in edges],
        "outliers": int(np.sum((x < q1 - 1.5 * iqr) | (x > q3 + 1.5 * iqr))),
    }
for name in header:
    if name in NUMERIC:
        continue
    values = [v for v in col[name] if v != "?"]
    counts = sorted(Counter(values).items(), key=lambda kv: (-kv[1], kv[0]))
    out["categorical"][name] = {"missing": len(col[name]) - len(values), "distinct": len(counts),
                                "top": [[k, v] for k, v in counts[:10]]}
matrix = np.corrcoef(np.array([[float(v) for v in col[n]] for n in NUMERIC]))
for i, a in enumerate(NUMERIC):
    out["pearson"][a] = {b: float(matrix[i][j]) for j, b in enumerate(NUMERIC)}
for a, b in [("sex", "race"), ("workclass", "occupation"), ("education", "Salary"), ("sex", "Salary")]:
    pairs = [(x, y) for x, y in zip(col[a], col[b]) if x != "?" and y != "?"]
    rows_ = sorted({x for x, _ in pairs})
    cols_ = sorted({y for _, y in pairs})
    table = np.zeros((len(rows_), len(cols_)), dtype=np.int64)
    for x, y in pairs:
        table[rows_.index(x)][cols_.index(y)] += 1
    out["cramers_v"][a + "|" + b] = float(contingency.association(table, method="cramer"))
salary = np.array(col["Salary"])
for name in NUMERIC:
    x = np.array([float(v) for v in col[name]])
    grand = x.mean()
    between = sum(len(x[salary == g]) * (x[salary == g].mean() - grand) ** 2 for g in np.unique(salary))
    out["eta_with_salary"][name] = float(np.sqrt(between / np.sum((x - grand) ** 2)))
print(json.dumps(out, indent=1))
