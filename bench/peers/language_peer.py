"""Peer for the "language" suite: the same workloads in CPython (Debian's /usr/bin/python3,
no numpy) and, for the small-tensor loop, numpy in the venv running this script.
Prints one JSON line per case: {"suite": "language", "name": ..., "median_s": ...}."""
import json
import statistics
import subprocess
import time

PY = "/usr/bin/python3"

LOOP = "s = 0\nfor i in range(10_000_000):\n    s = s + i\n"
FIB = "def fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\nfib(27)\n"


def timed_subprocess(code, reps, inner=True):
    """Median time of `code`: measured inside the child (excluding start-up) when inner."""
    times = []
    for _ in range(reps):
        if inner:
            wrapper = ("import time\nt0 = time.perf_counter()\n" + code +
                       "\nprint(time.perf_counter() - t0)\n")
            out = subprocess.run([PY, "-c", wrapper], capture_output=True, text=True, check=True)
            times.append(float(out.stdout.strip().splitlines()[-1]))
        else:
            t0 = time.perf_counter()
            subprocess.run([PY, "-c", code], check=True)
            times.append(time.perf_counter() - t0)
    return statistics.median(times)


def numpy_add16():
    import numpy as np
    a = np.arange(16, dtype=np.float64)
    b = np.ones(16)
    times = []
    for _ in range(7):
        t0 = time.perf_counter()
        for _ in range(100_000):
            c = a + b
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def emit(name, seconds):
    print(json.dumps({"suite": "language", "name": name, "median_s": seconds}), flush=True)


emit("loop_10m", timed_subprocess(LOOP, 5))
emit("fib_27", timed_subprocess(FIB, 7))
emit("tensor_add16_100k", numpy_add16())
emit("startup", timed_subprocess("pass", 21, inner=False))
