#!/usr/bin/env python3
"""PyTorch peer of the "dit" bench suite (bench/Sources/dtr-bench/DiTBench.swift): notebook 07's
tiny DiT (hidden 32, depth 2, 2 heads, patch 2, 8×8×1, DTR mask, f64 as dtr) — one training step
(forward, backward, torch.optim.Adam) at batch 64, and DDIM sampling of 1,000 digits in 20 steps
with classifier-free guidance 1.5 through diffusers' DDIMScheduler (the conditional and
unconditional halves in one batch, as dtr's dit_cfg_model). The model is the reference of
Tests/LanguageTests/Programs/dit/gen_dit.py. Threads: DIT_THREADS (default 1) for torch; dtr-bench
is run with OPENBLAS_NUM_THREADS set to the same number by bench/dit.sh.
Needs torch and diffusers (bench/dit.sh makes a venv, or set DTR_VENV)."""
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "LanguageTests", "Programs", "dit"))
from gen_dit import DiT, dtr_mask  # noqa: E402
from peerlib import measure  # noqa: E402

torch.set_num_threads(int(os.environ.get("DIT_THREADS", "1")))
torch.set_default_dtype(torch.float64)


def main():
    from diffusers import DDIMScheduler
    torch.manual_seed(0)
    model = DiT(hidden=32, depth=2, heads=2, mlp_ratio=4)
    T = 1000
    mask = torch.from_numpy(dtr_mask(T, 32))
    n = 64
    x0 = torch.rand(n, 1, 8, 8) * 2 - 1
    y = torch.randint(0, 10, (n,))
    t = torch.randint(0, T, (n,))
    noise = torch.randn(n, 1, 8, 8)
    betas = torch.linspace(1e-4, 0.02, T)
    ab = torch.cumprod(1 - betas, 0)
    xt = ab[t].sqrt()[:, None, None, None] * x0 + (1 - ab[t]).sqrt()[:, None, None, None] * noise
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)

    def step():
        opt.zero_grad(set_to_none=True)
        loss = ((model(xt, t, y, mask) - noise) ** 2).mean()
        loss.backward()
        opt.step()

    sched = DDIMScheduler(num_train_timesteps=T, beta_schedule="linear", beta_start=1e-4, beta_end=0.02,
                          clip_sample=False, set_alpha_to_one=True, timestep_spacing="linspace")
    labels = torch.arange(1000) % 10
    null = torch.full((1000,), 10)

    @torch.no_grad()
    def sample():
        sched.set_timesteps(20)
        x = torch.randn(1000, 1, 8, 8)
        for tt in sched.timesteps:
            tb = torch.full((2000,), int(tt))
            e = model(torch.cat([x, x]), tb, torch.cat([labels, null]), mask)
            eps = e[1000:] + 1.5 * (e[:1000] - e[1000:])
            x = sched.step(eps, tt, x).prev_sample
        return x

    wanted = set(sys.argv[1:])  # case names to run (default: both)
    for name, fn in [("train_step_b64", step), ("ddim20_cfg_1000", sample)]:
        if wanted and name not in wanted:
            continue
        med, reps = measure(fn)
        print(json.dumps({"suite": "dit", "name": name, "median_s": med, "reps": reps}))


if __name__ == "__main__":
    main()
