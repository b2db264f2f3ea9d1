"""Reference values for SampleDistance (energy distance, RBF MMD²), written with numpy.

Run by hand from this folder: `python3 gen_metric.py` writes metric_fixtures.json.
The samples are closed-form (no RNG) so Swift rebuilds them exactly:
  a[i, k] = sin(0.7·i + 1.3·k) · (1 + 0.1·k) + 0.05·i·(k == 0)
  b[j, k] = cos(1.1·j − 0.4·k) · 1.5 + 0.3
for i < n, j < m, k < d.
"""
import json
import numpy as np


def sample_a(n, d):
    i = np.arange(n)[:, None]
    k = np.arange(d)[None, :]
    return np.sin(0.7 * i + 1.3 * k) * (1 + 0.1 * k) + 0.05 * i * (k == 0)


def sample_b(m, d):
    j = np.arange(m)[:, None]
    k = np.arange(d)[None, :]
    return np.cos(1.1 * j - 0.4 * k) * 1.5 + 0.3 + 0 * k


def pair(x, y):
    return np.sqrt(((x[:, None, :] - y[None, :, :]) ** 2).sum(-1))


def within_mean(k, unbiased):
    n = k.shape[0]
    if unbiased:
        return (k.sum() - np.trace(k)) / (n * (n - 1))
    return k.mean()


def energy(x, y, unbiased):
    return 2 * pair(x, y).mean() - within_mean(pair(x, x), unbiased) - within_mean(pair(y, y), unbiased)


def mmd(x, y, h, unbiased):
    k = lambda p, q: np.exp(-pair(p, q) ** 2 / (2 * h * h))
    return within_mean(k(x, x), unbiased) + within_mean(k(y, y), unbiased) - 2 * k(x, y).mean()


cases = []
for n, m, d in [(7, 5, 2), (40, 33, 2), (12, 9, 3), (6, 8, 1), (3, 3, 2)]:
    x, y = sample_a(n, d), sample_b(m, d)
    case = {"n": n, "m": m, "d": d}
    for u in (False, True):
        tag = "u" if u else "v"
        case["energy_" + tag] = float(energy(x, y, u))
        for h in (0.5, 2.0):
            case[f"mmd_{tag}_{h}"] = float(mmd(x, y, h, u))
    cases.append(case)

# The same sample twice: the V-statistics are exactly 0.
x = sample_a(10, 2)
cases.append({"n": 10, "m": 10, "d": 2, "same": True, "energy_v": float(energy(x, x, False)),
              "mmd_v_0.5": float(mmd(x, x, 0.5, False))})

with open("metric_fixtures.json", "w") as f:
    json.dump({"cases": cases}, f, indent=1)
