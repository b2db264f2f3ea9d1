#!/usr/bin/env python3
"""numpy peer of the "diffusion" bench suite: the fastest vectorised f64 forms of the same work."""
import json
import time

import numpy as np
from peerlib import measure

T, C, BETA, ALPHA = 1000, 1152, 0.8, 4.0


def schedule_cosine(T=1000):
    u = np.arange(T + 1, dtype=np.float64) / T
    ab_fn = np.cos((u + 0.008) / 1.008 * (np.pi / 2)) ** 2
    betas = np.minimum(1 - ab_fn[1:] / ab_fn[:-1], 0.999)
    alphas = 1 - betas
    ab = np.cumprod(alphas)
    ab_prev = np.empty_like(ab)
    ab_prev[0] = 1.0
    ab_prev[1:] = ab[:-1]
    one_m = 1 - ab
    snr = ab / one_m
    return dict(betas=betas, alphas=alphas, alpha_bar=ab, alpha_bar_prev=ab_prev, sqrt_alpha_bar=np.sqrt(ab),
                sqrt_one_minus_alpha_bar=np.sqrt(one_m), snr=snr, log_snr=np.log(snr),
                posterior_variance=betas * (1 - ab_prev) / one_m, timesteps=np.arange(T, dtype=np.float64))


COLS = np.arange(C)


def route_dtr():
    k = int(C * BETA)
    start = np.round(np.linspace(0, 1, T) ** ALPHA * (C - k)).astype(np.int64)
    return ((COLS >= start[:, None]) & (COLS < (start + k)[:, None])).astype(np.float64)


RNG = np.random.default_rng(0)


def route_random():
    # Fastest of the forms tried (partition of random keys, permuted + put_along_axis,
    # argpartition of f32 keys): per-row choice of the C − k channels to switch off.
    k = int(C * BETA)
    m = np.ones((T, C))
    for t in range(T):
        m[t, RNG.choice(C, C - k, replace=False)] = 0.0
    return m


MASK = route_dtr()


def affinity():
    m = MASK
    inter = m @ m.T
    n = np.diag(inter)
    union = n[:, None] + n[None, :] - inter
    return inter / union




for name, fn in [("schedule_cosine_1000", schedule_cosine), ("route_dtr_1000x1152", route_dtr),
                 ("route_random_1000x1152", route_random), ("affinity_dtr_1000x1152", affinity)]:
    med, reps = measure(fn)
    print(json.dumps({"suite": "diffusion", "name": name, "median_s": med, "reps": reps}), flush=True)
