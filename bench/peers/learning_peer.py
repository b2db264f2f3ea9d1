#!/usr/bin/env python3
"""numpy peer of the "learning" bench suite: the same toy data and metrics, vectorised f64."""
import json
import time

import numpy as np
from peerlib import measure


def moons(n, seed=0, noise=0.05):
    rng = np.random.default_rng(seed)
    theta = np.pi * rng.random(n)
    upper = np.arange(n) % 2 == 0
    x = np.where(upper, np.cos(theta), 1 - np.cos(theta))
    y = np.where(upper, np.sin(theta), 0.5 - np.sin(theta))
    pts = np.stack([x, y], 1) + noise * rng.standard_normal((n, 2))
    var_y = 0.5 - 4 / np.pi**2 + (2 / np.pi - 0.25) ** 2
    return (pts - [0.5, 0.25]) / np.sqrt([0.75 + noise**2, var_y + noise**2])


def pair_sum(x, y, kernel, block=256):
    # Blocked so the n×m×d difference tensor never exceeds block×m×d.
    total = 0.0
    for i in range(0, len(x), block):
        d2 = ((x[i:i + block, None, :] - y[None, :, :]) ** 2).sum(-1)
        total += kernel(d2).sum()
    return total


def energy(x, y):
    dist = np.sqrt
    n, m = len(x), len(y)
    return 2 * pair_sum(x, y, dist) / (n * m) - pair_sum(x, x, dist) / n**2 - pair_sum(y, y, dist) / m**2


def mmd(x, y, h=1.0):
    k = lambda d2: np.exp(-d2 / (2 * h * h))
    n, m = len(x), len(y)
    return pair_sum(x, x, k) / n**2 + pair_sum(y, y, k) / m**2 - 2 * pair_sum(x, y, k) / (n * m)


A, B = moons(2000, 0), moons(2000, 1)




for name, fn in [("toy2d_moons_100000", lambda: moons(100_000)), ("energy_distance_2000", lambda: energy(A, B)),
                 ("mmd_rbf_2000", lambda: mmd(A, B))]:
    med, reps = measure(fn)
    print(json.dumps({"suite": "learning", "name": name, "median_s": med, "reps": reps}), flush=True)
