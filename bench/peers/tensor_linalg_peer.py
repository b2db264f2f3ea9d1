#!/usr/bin/env python3
"""numpy peer of bench/Sources/dtr-bench/TensorLinalgBench.swift (suite "tensor"): the same
matrix products and normal sampling, one JSON line per case with the median wall time."""
import json, sys, time
import numpy as np

def measure(fn, budget=1.0, min_reps=5, max_reps=1000):
    fn()  # warm-up
    times = []
    start = time.perf_counter()
    while len(times) < min_reps or (len(times) < max_reps and time.perf_counter() - start < budget):
        t0 = time.perf_counter(); fn(); times.append(time.perf_counter() - t0)
    times.sort()
    return times[len(times) // 2], len(times)

WANTED = set(sys.argv[1:])  # optional case names; all cases when empty

def report(name, fn):
    if WANTED and name not in WANTED:
        return
    med, reps = measure(fn)
    print(json.dumps({"suite": "tensor", "name": name, "median_s": med, "reps": reps}), flush=True)

rng = np.random.default_rng(1)
for n in (256, 1024, 2048):
    for dt in ("f32", "f64"):
        dtype = np.float32 if dt == "f32" else np.float64
        a = rng.random((n, n)).astype(dtype); b = rng.random((n, n)).astype(dtype)
        report(f"matmul_{n}_{dt}", lambda a=a, b=b: a @ b)
report("randn_1e7_f64", lambda: np.random.default_rng(0).standard_normal(10**7))
