#!/usr/bin/env python3
"""Independent implementation of the DatasetFingerprint v1 encoding (see DatasetFingerprint's Javadoc).

Writes reference.txt: the SHA-256 of the frame below, which FingerprintTest rebuilds in Java.
Run: python3 fingerprint_reference.py > reference.txt
"""
import hashlib
import struct

NAN_BITS = 0x7FF8000000000000  # Java's canonical NaN (Double.doubleToLongBits)
MISSING = object()

# name, type, values (MISSING marks a missing value)
columns = [
    ("x", "numeric", [1.5, MISSING, float("nan"), -0.0]),
    ("c", "categorical", ["a", "é", MISSING, "a"]),
    ("b", "boolean", [True, False, MISSING, True]),
    ("t", "timestamp", [0, MISSING, -1, 1_700_000_000_000_000]),  # epoch microseconds
    ("s", "text", ["", MISSING, "中文", 'q"x']),
]
rows = 4


def string(text):
    data = text.encode("utf-8")
    return struct.pack(">i", len(data)) + data


def value(kind, v):
    if kind == "numeric":
        if v != v:
            return struct.pack(">Q", NAN_BITS)
        return struct.pack(">d", v)
    if kind in ("categorical", "text"):
        return string(v)
    if kind == "boolean":
        return b"\x01" if v else b"\x00"
    if kind == "timestamp":
        return struct.pack(">q", v)
    raise ValueError(kind)


out = bytearray(b"mlops-frame-v1")
out += struct.pack(">i", len(columns))
out += struct.pack(">q", rows)
for name, kind, _ in columns:
    out += string(name) + string(kind)
for _, kind, values in columns:
    for v in values:
        if v is MISSING:
            out += b"\x00"
        else:
            out += b"\x01" + value(kind, v)
print(hashlib.sha256(bytes(out)).hexdigest())
