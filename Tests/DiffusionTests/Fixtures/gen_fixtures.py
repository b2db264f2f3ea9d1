#!/usr/bin/env python3
"""Reference values for the Diffusion library, written the way the original code does.

Run by hand (python3 + numpy):  python3 gen_fixtures.py   →  diffusion_fixtures.json

Sources replicated (f64 numpy throughout; torch code is transcribed to numpy):
- guided-diffusion (Nichol & Dhariwal 2021): get_named_beta_schedule, betas_for_alpha_bar,
  GaussianDiffusion's derived arrays, space_timesteps + SpacedDiffusion's respacing;
- Ho et al.'s diffusion_utils.get_beta_schedule: quad, jsd, const;
- diffusers: scaled_linear, sigmoid (torch.sigmoid(linspace(-6, 6))·(end−start)+start),
  DDIMScheduler.set_timesteps spacings with steps_offset 0;
- k-diffusion get_sigmas_karras (torch.linspace replaced by np.linspace in f64);
- Lin et al. 2023, Algorithm 1 (rescale_zero_terminal_snr);
- Min-SNR-γ (Hang et al. 2023) and P2 (Choi et al. 2022) weights;
- DTR (Park et al. 2024) create_mask_tasks and its interval (cluster) bounds.
Non-finite floats are written as the strings "inf", "-inf", "nan".
"""
import json
import math
import os

import numpy as np


# ---------------------------------------------------------------- schedules
def betas_for_alpha_bar(num_diffusion_timesteps, alpha_bar, max_beta=0.999):
    betas = []
    for i in range(num_diffusion_timesteps):
        t1 = i / num_diffusion_timesteps
        t2 = (i + 1) / num_diffusion_timesteps
        betas.append(min(1 - alpha_bar(t2) / alpha_bar(t1), max_beta))
    return np.array(betas)


def named_betas(name, T, beta_start=None, beta_end=None):
    if name == "linear":
        scale = 1000 / T
        bs = scale * 0.0001 if beta_start is None else beta_start
        be = scale * 0.02 if beta_end is None else beta_end
        return np.linspace(bs, be, T, dtype=np.float64)
    if name == "cosine":
        return betas_for_alpha_bar(T, lambda t: math.cos((t + 0.008) / 1.008 * math.pi / 2) ** 2)
    if name == "scaled_linear":
        bs = 0.00085 if beta_start is None else beta_start
        be = 0.012 if beta_end is None else beta_end
        return np.linspace(bs ** 0.5, be ** 0.5, T, dtype=np.float64) ** 2
    if name == "sigmoid":
        bs = 1e-4 if beta_start is None else beta_start
        be = 0.02 if beta_end is None else beta_end
        x = np.linspace(-6, 6, T, dtype=np.float64)
        return 1 / (1 + np.exp(-x)) * (be - bs) + bs
    if name == "quad":
        bs = 1e-4 if beta_start is None else beta_start
        be = 0.02 if beta_end is None else beta_end
        return np.linspace(bs ** 0.5, be ** 0.5, T, dtype=np.float64) ** 2
    if name == "jsd":
        return 1.0 / np.linspace(T, 1, T, dtype=np.float64)
    if name == "const":
        be = 0.02 if beta_end is None else beta_end
        return be * np.ones(T, dtype=np.float64)
    raise ValueError(name)


def derived(betas):
    betas = np.asarray(betas, dtype=np.float64)
    alphas = 1.0 - betas
    alphas_cumprod = np.cumprod(alphas, axis=0)
    alphas_cumprod_prev = np.append(1.0, alphas_cumprod[:-1])
    with np.errstate(divide="ignore"):
        snr = alphas_cumprod / (1.0 - alphas_cumprod)
        log_snr = np.log(snr)
    return {
        "betas": betas,
        "alphas": alphas,
        "alpha_bar": alphas_cumprod,
        "alpha_bar_prev": alphas_cumprod_prev,
        "sqrt_alpha_bar": np.sqrt(alphas_cumprod),
        "sqrt_one_minus_alpha_bar": np.sqrt(1.0 - alphas_cumprod),
        "snr": snr,
        "log_snr": log_snr,
        "posterior_variance": betas * (1.0 - alphas_cumprod_prev) / (1.0 - alphas_cumprod),
    }


def valid(betas):
    return bool(np.all((betas > 0) & (betas <= 1)))


def rescale_zero_terminal_snr(betas):
    alphas = 1 - betas
    alphas_bar = np.cumprod(alphas, axis=0)
    alphas_bar_sqrt = np.sqrt(alphas_bar)
    alphas_bar_sqrt_0 = alphas_bar_sqrt[0].copy()
    alphas_bar_sqrt_T = alphas_bar_sqrt[-1].copy()
    alphas_bar_sqrt -= alphas_bar_sqrt_T
    alphas_bar_sqrt *= alphas_bar_sqrt_0 / (alphas_bar_sqrt_0 - alphas_bar_sqrt_T)
    alphas_bar = alphas_bar_sqrt ** 2
    alphas = alphas_bar[1:] / alphas_bar[:-1]
    alphas = np.concatenate([alphas_bar[0:1], alphas])
    return 1 - alphas


def space_timesteps(num_timesteps, section_counts):
    size_per = num_timesteps // len(section_counts)
    extra = num_timesteps % len(section_counts)
    start_idx = 0
    all_steps = []
    for i, section_count in enumerate(section_counts):
        size = size_per + (1 if i < extra else 0)
        if size < section_count:
            raise ValueError("cannot divide section")
        if section_count <= 1:
            frac_stride = 1
        else:
            frac_stride = (size - 1) / (section_count - 1)
        cur_idx = 0.0
        taken_steps = []
        for _ in range(section_count):
            taken_steps.append(start_idx + round(cur_idx))
            cur_idx += frac_stride
        all_steps += taken_steps
        start_idx += size
    return set(all_steps)


def respaced_betas(alphas_cumprod, use_timesteps):
    last_alpha_cumprod = 1.0
    new_betas, timestep_map = [], []
    for i, alpha_cumprod in enumerate(alphas_cumprod):
        if i in use_timesteps:
            new_betas.append(1 - alpha_cumprod / last_alpha_cumprod)
            last_alpha_cumprod = alpha_cumprod
            timestep_map.append(i)
    return np.array(new_betas), timestep_map


def set_timesteps(T, n, spacing):
    if spacing == "linspace":
        return np.linspace(0, T - 1, n).round()[::-1].copy().astype(np.int64)
    if spacing == "leading":
        step_ratio = T // n
        return (np.arange(0, n) * step_ratio).round()[::-1].copy().astype(np.int64)
    if spacing == "trailing":
        step_ratio = T / n
        ts = np.round(np.arange(T, 0, -step_ratio)).astype(np.int64)
        ts -= 1
        return ts
    raise ValueError(spacing)


def get_sigmas_karras(n, sigma_min, sigma_max, rho=7.0):
    ramp = np.linspace(0, 1, n)
    min_inv_rho = sigma_min ** (1 / rho)
    max_inv_rho = sigma_max ** (1 / rho)
    sigmas = (max_inv_rho + ramp * (min_inv_rho - max_inv_rho)) ** rho
    return np.append(sigmas, 0.0)


def loss_weight(snr, scheme, prediction, gamma, k):
    if scheme == "constant":
        return np.ones_like(snr)
    if scheme == "min_snr":
        clipped = np.minimum(snr, gamma)
        with np.errstate(divide="ignore", invalid="ignore"):
            if prediction == "eps":
                return np.where(snr == 0, 1.0, clipped / snr)
            if prediction == "v":
                return clipped / (snr + 1)
            return clipped
    if scheme == "p2":
        lam = 1 / (k + snr) ** gamma
        if prediction == "eps":
            return lam
        if prediction == "v":
            return lam * snr / (snr + 1)
        return lam * snr
    raise ValueError(scheme)


# ---------------------------------------------------------------- routing
def create_mask_tasks_starts(T, C, beta, alpha):
    """DTR's create_mask_tasks: returns k and the window starts (row t = ones on [s, s+k))."""
    k = int(C * beta)
    starts = np.round(np.linspace(0, 1, T) ** alpha * (C - k)).astype(int)
    return k, [int(s) for s in starts]


def mask_from_starts(T, C, k, starts):
    m = np.zeros((T, C))
    for t in range(T):
        m[t, starts[t]:starts[t] + k] = 1
    return m


def interval_starts(T, C, beta, alpha, K):
    k, row_starts = create_mask_tasks_starts(K, C, beta, alpha)
    starts = [0] * T
    for i in range(K):
        for t in range(int(T * i / K), int(T * (i + 1) / K)):
            starts[t] = row_starts[i]
    return k, starts


def iou(m):
    inter = m @ m.T
    n = np.diag(inter)
    union = n[:, None] + n[None, :] - inter
    with np.errstate(divide="ignore", invalid="ignore"):
        out = inter / union
    out[union == 0] = 1.0
    return out


def find_ties():
    """(T, C, beta, alpha) whose window starts hit exact .5 values before rounding, found by
    search: T − 1 a power of two makes the linspace dyadic, so t^α·(C − k) can be exact."""
    scored = []
    for T in (3, 5, 9, 17, 33, 65, 129, 257, 513, 1025):
        for alpha in (1.0, 2.0, 3.0, 4.0):
            for C in (2, 6, 10, 24, 40, 96, 130, 384, 1152):
                for beta in (0.5, 0.75, 0.8, 0.9):
                    k = int(C * beta)
                    v = np.linspace(0, 1, T) ** alpha * (C - k)
                    tie = (v - np.floor(v)) == 0.5
                    if tie.any():
                        even = int(np.sum(tie & (np.floor(v) % 2 == 0)))
                        odd = int(np.sum(tie & (np.floor(v) % 2 == 1)))
                        scored.append((min(even, odd) > 0, even + odd, T, C, beta, alpha))
    scored.sort(reverse=True)
    picked, per_alpha = [], {}
    for both, n, T, C, beta, alpha in scored:
        if per_alpha.get(alpha, 0) == 3:
            continue
        per_alpha[alpha] = per_alpha.get(alpha, 0) + 1
        picked.append((T, C, beta, alpha))
    return picked + [(1025, 1152, 0.8, 1.0), (3, 2, 0.5, 1.0), (5, 16, 0.5, 4.0)]


# ---------------------------------------------------------------- output
def clean(x):
    if isinstance(x, np.ndarray):
        return [clean(v) for v in x.tolist()]
    if isinstance(x, (list, tuple)):
        return [clean(v) for v in x]
    if isinstance(x, dict):
        return {k: clean(v) for k, v in x.items()}
    if isinstance(x, (float, np.floating)):
        x = float(x)
        if math.isnan(x):
            return "nan"
        if math.isinf(x):
            return "inf" if x > 0 else "-inf"
        return x
    if isinstance(x, np.integer):
        return int(x)
    return x


def main():
    out = {"generator": {"script": "gen_fixtures.py", "numpy": np.__version__}, "schedules": [], "invalid_schedules": [], "zero_terminal_snr": [], "respace": [],
           "timesteps": [], "karras": [], "loss_weights": [], "q_sample": [],
           "masks": [], "intervals": [], "affinity": []}
    names = ["linear", "cosine", "scaled_linear", "sigmoid", "quad", "jsd", "const"]
    cases = [(n, T, None, None) for n in names for T in (1, 2, 10, 1000)]
    cases += [("linear", 4000, None, None), ("cosine", 4000, None, None), ("linear", 20, None, None),
              ("linear", 1, None, None), ("linear", 50, 0.00085, 0.012), ("scaled_linear", 30, 0.0001, 0.02),
              ("sigmoid", 30, 0.001, 0.03), ("quad", 30, 0.0002, 0.05), ("const", 5, None, 0.1)]
    for name, T, bs, be in cases:
        b = named_betas(name, T, bs, be)
        rec = {"name": name, "T": T, "beta_start": bs, "beta_end": be}
        if valid(b):
            rec["fields"] = derived(b)
            out["schedules"].append(rec)
        else:
            out["invalid_schedules"].append(rec)
    for T in (3, 10, 19):
        assert not valid(named_betas("linear", T))
        out["invalid_schedules"].append({"name": "linear", "T": T, "beta_start": None, "beta_end": None})

    for name, T in [("linear", 1000), ("scaled_linear", 1000), ("cosine", 1000), ("linear", 2),
                    ("cosine", 2), ("sigmoid", 10)]:
        if name == "linear" and T == 2:
            b = named_betas(name, T, 0.1, 0.5)
            bs, be = 0.1, 0.5
        else:
            b = named_betas(name, T)
            bs = be = None
        zb = rescale_zero_terminal_snr(b)
        out["zero_terminal_snr"].append({"name": name, "T": T, "beta_start": bs, "beta_end": be,
                                         "fields": derived(zb)})

    for name, T, n in [("linear", 1000, 1), ("linear", 1000, 10), ("linear", 1000, 50), ("linear", 1000, 37),
                       ("linear", 1000, 250), ("linear", 1000, 1000), ("cosine", 4000, 100), ("cosine", 10, 3),
                       ("cosine", 1000, 999), ("scaled_linear", 1000, 7), ("cosine", 1, 1)]:
        base = derived(named_betas(name, T))
        nb, tmap = respaced_betas(base["alpha_bar"], space_timesteps(T, [n]))
        out["respace"].append({"name": name, "T": T, "n": n, "timesteps": tmap, "fields": derived(nb)})

    for T in (1, 2, 10, 15, 17, 1000, 4000):
        ns = sorted({1, 2, 3, 7, 13, 50, T} & set(range(1, T + 1)) | ({14, 999} & set(range(1, T + 1))))
        for n in ns:
            for spacing in ("linspace", "leading", "trailing"):
                v = set_timesteps(T, n, spacing)
                rec = {"T": T, "n": n, "spacing": spacing, "values": [int(x) for x in v[:n]]}
                if len(v) != n:
                    rec["diffusers_len"] = len(v)
                out["timesteps"].append(rec)

    for n, smin, smax, rho in [(1, 0.002, 80.0, 7.0), (2, 0.002, 80.0, 7.0), (10, 0.002, 80.0, 7.0),
                               (40, 0.0292, 14.6146, 7.0), (25, 0.1, 10.0, 3.0), (5, 1.0, 1.0, 7.0)]:
        out["karras"].append({"n": n, "sigma_min": smin, "sigma_max": smax, "rho": rho,
                              "values": get_sigmas_karras(n, smin, smax, rho)})

    lw_scheds = [("cosine", 1000, False), ("linear", 1000, True), ("scaled_linear", 10, False)]
    for name, T, zts in lw_scheds:
        b = named_betas(name, T)
        if zts:
            b = rescale_zero_terminal_snr(b)
        snr = derived(b)["snr"]
        for scheme, gamma, k in [("constant", None, 1.0), ("min_snr", 5.0, 1.0), ("min_snr", 1.0, 1.0),
                                 ("p2", 1.0, 1.0), ("p2", 0.5, 1.0), ("p2", 1.0, 0.5)]:
            for pred in ("eps", "v", "x0"):
                out["loss_weights"].append({"name": name, "T": T, "zero_terminal_snr": zts, "scheme": scheme,
                                            "prediction": pred, "gamma": gamma, "k": k,
                                            "values": loss_weight(snr, scheme, pred, gamma, k)})

    rng = np.random.default_rng(0)
    f = derived(named_betas("cosine", 1000))
    x0 = rng.standard_normal((4, 3))
    noise = rng.standard_normal((4, 3))
    for t in ([0, 10, 500, 999], [250]):
        tt = np.array(t)
        if len(t) == 1:
            xt = f["sqrt_alpha_bar"][t[0]] * x0 + f["sqrt_one_minus_alpha_bar"][t[0]] * noise
        else:
            xt = f["sqrt_alpha_bar"][tt][:, None] * x0 + f["sqrt_one_minus_alpha_bar"][tt][:, None] * noise
        out["q_sample"].append({"name": "cosine", "T": 1000, "x0": x0, "noise": noise, "t": t, "expected": xt})

    mask_cases = [(1000, 1152, 0.8, 4.0), (1000, 384, 0.8, 4.0), (1000, 768, 0.8, 4.0), (1000, 1024, 0.8, 4.0),
                  (1000, 1152, 0.5, 1.0), (1000, 1152, 0.9, 2.0), (1000, 1152, 0.3, 0.5), (4000, 512, 0.8, 4.0),
                  (1, 10, 0.8, 4.0), (2, 10, 0.3, 4.0), (10, 10, 0.3, 4.0), (10, 7, 0.5, 1.0), (100, 100, 0.37, 2.0),
                  (50, 33, 0.7, 3.0), (1000, 1152, 1.0, 4.0), (3, 4, 0.5, 1.0), (3, 20, 0.6, 1.0), (64, 16, 0.25, 1.5),
                  (1000, 1152, 0.57, 4.0), (20, 1, 1.0, 4.0)]
    ties = find_ties()
    for T, C, beta, alpha in mask_cases + ties:
        k, starts = create_mask_tasks_starts(T, C, beta, alpha)
        v = np.linspace(0, 1, T) ** alpha * (C - k)
        n_ties = int(np.sum(v - np.floor(v) == 0.5))
        out["masks"].append({"T": T, "C": C, "beta": beta, "alpha": alpha, "k": k, "starts": starts,
                             "ties": n_ties, "product": C * beta})
    assert sum(m["ties"] for m in out["masks"]) >= 6, "no half-way ties found"

    for T, C, beta, alpha, K in [(1000, 1152, 0.8, 4.0, 8), (1000, 1152, 0.8, 4.0, 1), (10, 16, 0.5, 2.0, 10),
                                 (7, 12, 0.75, 4.0, 3), (1000, 64, 0.8, 1.0, 7), (13, 9, 0.6, 4.0, 5)]:
        k, starts = interval_starts(T, C, beta, alpha, K)
        out["intervals"].append({"T": T, "C": C, "beta": beta, "alpha": alpha, "clusters": K, "k": k,
                                 "starts": starts})

    # Affinity / overlap / usage on a DTR mask, an arbitrary 0/1 mask with empty rows, and a
    # non-binary matrix (the Tanimoto fallback).
    k, starts = create_mask_tasks_starts(40, 70, 0.8, 4.0)
    dtr = mask_from_starts(40, 70, k, starts)
    arb = (rng.random((12, 130)) < 0.3).astype(np.float64)
    arb[3] = 0
    arb[7] = 0
    soft = rng.random((6, 5))
    soft[2] = 0
    for label, m in [("dtr_40x70", dtr), ("binary_12x130", arb), ("soft_6x5", soft)]:
        ov = {lag: [float(iou(m[[t, t + lag]])[0, 1]) for t in range(m.shape[0] - lag)] for lag in (0, 1, 3)}
        out["affinity"].append({"label": label, "matrix": m, "affinity": iou(m), "usage": m.sum(axis=0),
                                "overlap_lag0": ov[0], "overlap_lag1": ov[1], "overlap_lag3": ov[3]})

    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "diffusion_fixtures.json")
    with open(path, "w") as fh:
        json.dump(clean(out), fh, separators=(",", ":"), allow_nan=False)
    print(path, os.path.getsize(path), "bytes;", len(out["masks"]), "masks,",
          sum(m["ties"] for m in out["masks"]), "ties")


if __name__ == "__main__":
    main()
