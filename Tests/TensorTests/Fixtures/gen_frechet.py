#!/usr/bin/env python3
"""Writes frechet.json for TransformerOpsTests: numpy.linalg.eigh of a fixed symmetric
matrix and the Fréchet distance of two fixed samples computed as pytorch-fid does
(scipy.linalg.sqrtm of Σ_a·Σ_b). Run with a Python that has numpy and scipy."""
import json
import os

import numpy as np
from scipy import linalg

rng = np.random.RandomState(3)
m = rng.randn(5, 5)
sym = (m + m.T) / 2
w, v = np.linalg.eigh(sym)
a = rng.randn(40, 4) @ rng.randn(4, 4)
b = rng.randn(30, 4) * [1, 2, 0.5, 1] + [0.3, -1, 0, 2]
mu_a, mu_b = a.mean(0), b.mean(0)
ca, cb = np.cov(a, rowvar=False), np.cov(b, rowvar=False)
root = linalg.sqrtm(ca @ cb).real
fd = float(((mu_a - mu_b) ** 2).sum() + np.trace(ca) + np.trace(cb) - 2 * np.trace(root))
out = {"sym": sym.tolist(), "values": w.tolist(), "vectors": v.tolist(),
       "a": a.tolist(), "b": b.tolist(), "fd": fd}
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "frechet.json"), "w") as f:
    json.dump(out, f)
print("fd", fd)
