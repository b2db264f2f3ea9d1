"""Shared timing for the numpy/Python peers: the same rule as the Swift harness
(one warm-up, then repetitions for at least `budget` seconds and `min_reps` runs; median)."""
import time


def measure(fn, budget=1.0, min_reps=5):
    """Returns (median seconds, repetitions) of calling fn()."""
    fn()
    times = []
    start = time.perf_counter()
    while len(times) < min_reps or time.perf_counter() - start < budget:
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    times.sort()
    return times[len(times) // 2], len(times)
