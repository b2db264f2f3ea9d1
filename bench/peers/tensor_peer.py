#!/usr/bin/env python3
"""numpy peer of the "tensor" suite's elementwise/reduction cases (dtr side:
bench/Sources/dtr-bench/TensorOpsBench.swift). Same sizes and dtypes; inputs uniform [0, 1).
Each case: one warm-up, then repeated runs for ≥ 1 s (≥ 5 runs); prints the median as a
JSON line. Linear-algebra/random cases live in tensor_linalg_peer.py."""
import json, time
import numpy as np

def measure(fn, budget=1.0, min_reps=5, max_reps=1000):
    fn()
    times = []
    start = time.perf_counter()
    while len(times) < min_reps or (len(times) < max_reps and time.perf_counter() - start < budget):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    times.sort()
    return times[len(times) // 2]

def report(name, fn):
    print(json.dumps({"suite": "tensor", "name": name, "median_s": measure(fn)}), flush=True)

def elementwise_reduction_cases():
    n = 10_000_000
    rng = np.random.default_rng(1)
    for dt in ["f64", "f32"]:
        npdt = np.float64 if dt == "f64" else np.float32
        a, b, c = (rng.random(n).astype(npdt) for _ in range(3))
        report(f"add_1e7_{dt}", lambda: a + b)
        report(f"muladd_1e7_{dt}", lambda: a * b + c)
        report(f"exp_1e7_{dt}", lambda: np.exp(a))
    big = rng.random(n)
    report("sum_1e7_f64", lambda: big.sum())
    report("mean_1e7_f64", lambda: big.mean())
    report("max_1e7_f64", lambda: big.max())
    report("cumprod_1e7_f64", lambda: np.cumprod(big))
    s, t = rng.random(16), rng.random(16)
    def add16():
        for _ in range(1000):
            s + t
    report("add_16_f64_x1000", add16)

if __name__ == "__main__":
    elementwise_reduction_cases()
