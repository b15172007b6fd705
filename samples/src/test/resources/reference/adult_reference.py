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


print(json.dumps({"adult.data": summarize("adult.data"), "adult.test": summarize("adult.test")}, indent=1))
