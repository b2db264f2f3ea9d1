#!/usr/bin/env python3
"""numpy peer of the "train" bench suite: one training step of the tutorial denoiser (batch 256,
input 2-D point + 32-d sinusoidal time embedding, 3 hidden layers of 128 with ReLU or exact GELU,
output 2, MSE loss, Adam), f32, forward and hand-written backward with in-place updates.

numpy has no erf, so exact GELU uses Abramowitz–Stegun 7.1.26 (|error| < 1.5e-7, f32 precision),
vectorised over the batch."""
import json
import time

import numpy as np
from peerlib import measure as _measure

N, HIDDEN, EMBED = 256, 128, 32
F = np.float32


def setup():
    # Same seed structure as the Swift case: points 1, timesteps 2, targets 3, weights 10 + l.
    points = np.random.default_rng(1).standard_normal((N, 2), dtype=F)
    steps = np.random.default_rng(2).integers(0, 1000, (N, 1)).astype(np.float64)
    half = EMBED // 2
    freqs = np.exp(-np.log(10000.0) * np.arange(half) / half)
    args = steps * freqs
    x = np.concatenate([points, np.sin(args).astype(F), np.cos(args).astype(F)], axis=1)
    y = np.random.default_rng(3).standard_normal((N, 2), dtype=F)
    sizes = [2 + EMBED, HIDDEN, HIDDEN, HIDDEN, 2]
    params = []
    for l in range(4):
        w = np.random.default_rng(10 + l).standard_normal((sizes[l], sizes[l + 1]), dtype=F) / F(np.sqrt(sizes[l]))
        params += [w, np.zeros(sizes[l + 1], dtype=F)]
    return x, y, params


INV_SQRT2 = F(1 / np.sqrt(2))
INV_SQRT2PI = F(1 / np.sqrt(2 * np.pi))


def erf(z):
    # In place wherever possible: each temporary of the batch costs as much as the arithmetic.
    a = np.abs(z)
    t = a * F(0.3275911)
    t += F(1)
    np.reciprocal(t, out=t)
    p = t * F(1.061405429)
    for c in (-1.453152027, 1.421413741, -0.284496736, 0.254829592):
        p += F(c)
        p *= t
    np.multiply(a, a, out=a)
    np.negative(a, out=a)
    np.exp(a, out=a)
    p *= a
    np.subtract(F(1), p, out=p)
    return np.copysign(p, z, out=p)


def relu(h):
    return np.maximum(h, F(0)), None


def relu_grad(g, h, _):
    return g * (h > 0)


def gelu(h):
    cdf = erf(h * INV_SQRT2)
    cdf += F(1)
    cdf *= F(0.5)
    return h * cdf, cdf


def gelu_grad(g, h, cdf):
    pdf = h * h
    pdf *= F(-0.5)
    np.exp(pdf, out=pdf)
    pdf *= INV_SQRT2PI
    pdf *= h
    pdf += cdf
    pdf *= g
    return pdf


class Trainer:
    def __init__(self, act, act_grad):
        self.x, self.y, self.params = setup()
        self.m = [np.zeros_like(p) for p in self.params]
        self.v = [np.zeros_like(p) for p in self.params]
        self.t = 0
        self.act, self.act_grad = act, act_grad

    def step(self):
        p = self.params
        # Forward, keeping what the backward pass needs.
        a, cache = self.x, []
        for l in range(3):
            h = a @ p[2 * l] + p[2 * l + 1]
            out, aux = self.act(h)
            cache.append((a, h, aux))
            a = out
        pred = a @ p[6] + p[7]
        diff = pred - self.y
        loss = np.mean(diff * diff)
        # Backward.
        g = diff * F(2 / diff.size)
        grads = [None] * 8
        grads[6] = a.T @ g
        grads[7] = g.sum(axis=0)
        ga = g @ p[6].T
        for l in (2, 1, 0):
            a_in, h, aux = cache[l]
            gh = self.act_grad(ga, h, aux)
            grads[2 * l] = a_in.T @ gh
            grads[2 * l + 1] = gh.sum(axis=0)
            if l > 0:
                ga = gh @ p[2 * l].T
        # Adam, in place.
        self.t += 1
        lr, b1, b2, eps = F(1e-3), F(0.9), F(0.999), F(1e-8)
        c1, c2 = F(1 / (1 - 0.9 ** self.t)), F(1 / (1 - 0.999 ** self.t))
        for w, gw, m, v in zip(p, grads, self.m, self.v):
            m *= b1
            m += (1 - b1) * gw
            v *= b2
            v += (1 - b2) * (gw * gw)
            w -= (lr * c1) * m / (np.sqrt(v * c2) + eps)
        return loss




def measure(fn, budget=1.0, min_reps=5):
    """Median seconds of fn() (see peerlib)."""
    return _measure(fn, budget, min_reps)[0]


if __name__ == "__main__":
    for name, act, grad in [("train_step_relu", relu, relu_grad), ("train_step_gelu", gelu, gelu_grad)]:
        trainer = Trainer(act, grad)
        print(json.dumps({"suite": "train", "name": name, "median_s": measure(trainer.step)}), flush=True)
