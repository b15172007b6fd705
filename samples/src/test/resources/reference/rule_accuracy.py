"""Accuracy of the rule 'earns >50K when education-num >= 14' on adult.test, with the csv module only.

Run from the repository root: python3 samples/src/test/resources/reference/rule_accuracy.py
"""
import csv

right = total = 0
with open("samples/src/main/resources/datasets/adult/adult.test", newline="") as f:
    for row in csv.reader(f, skipinitialspace=True):
        if len(row) != 15 or row[0].startswith("|"):
            continue
        education, label = row[4], row[14]
        if education in ("?", "education-num") or label == "?":
            continue
        rich = label.startswith(">50K")
        right += rich == (float(education) >= 14)
        total += 1
print(f"{right / total:.6f} ({right} of {total})")
