#!/usr/bin/env python3
"""PyTorch + diffusers peer of the "sampling" bench suite: 50 steps on 10,000 2-D points with
notebook 05's denoiser (2 + 32-d timestep embedding → 128, two DTR-routed residual blocks of
128, → 2, SiLU), f64 as dtr, driven by the diffusers 0.42 scheduler of each method exactly as
its pipelines do (set_timesteps, x·init_noise_sigma, scale_model_input → network → step).
Threads: torch gets OPENBLAS_NUM_THREADS if set (what dtr's BLAS uses), else the machine's cores.
Needs torch and diffusers (bench/run.sh installs them into bench/.venv, or set DTR_TORCH_VENV)."""
import json
import math
import os

import numpy as np
import torch
from diffusers import (DDIMScheduler, DDPMScheduler, DPMSolverMultistepScheduler, EulerAncestralDiscreteScheduler,
                       EulerDiscreteScheduler, HeunDiscreteScheduler)
from peerlib import measure

# Threads: as many as the machine has cores (OpenBLAS's default in dtr) unless OPENBLAS_NUM_THREADS says otherwise.
torch.set_num_threads(int(os.environ.get("OPENBLAS_NUM_THREADS", os.cpu_count() or 1)))
torch.set_grad_enabled(False)
T, N, HIDDEN, TEMB = 1000, 10000, 128, 32
F = torch.float64


def dtr_route(T, C, beta=0.8, alpha=4):
    """route("dtr", T, C): k = int(C·β) ones from round(linspace(0, 1, T)^α·(C − k))."""
    k = int(C * beta)
    start = np.round(np.linspace(0, 1, T) ** alpha * (C - k)).astype(int)
    m = np.zeros((T, C))
    for t in range(T):
        m[t, start[t]:start[t] + k] = 1
    return torch.tensor(m, dtype=F)


def linear_init(fan_in, fan_out, rng):
    bound = 1 / math.sqrt(fan_in)
    u = (2 * rng.random((fan_in + 1, fan_out)) - 1) * bound
    return torch.tensor(u[:fan_in], dtype=F), torch.tensor(u[fan_in], dtype=F)


rng = np.random.default_rng(0)
W_IN, B_IN = linear_init(2 + TEMB, HIDDEN, rng)
W1, B1 = linear_init(HIDDEN, HIDDEN, rng)
W2, B2 = linear_init(HIDDEN, HIDDEN, rng)
W_OUT, B_OUT = linear_init(HIDDEN, 2, rng)
MASK = dtr_route(T, HIDDEN)
FREQS = torch.exp(-math.log(10000) * torch.arange(TEMB // 2, dtype=F) / (TEMB // 2))
silu = torch.nn.functional.silu


def denoiser(x, t):
    """stdlib denoiser: embedding [cos, sin], input layer, two routed blocks, output layer."""
    tb = torch.full((x.shape[0],), float(t), dtype=F)
    args = tb[:, None] * FREQS
    h = silu(torch.cat([x, torch.cos(args), torch.sin(args)], dim=1) @ W_IN + B_IN)
    m = MASK[torch.round(tb).long()]
    for w, b in ((W1, B1), (W2, B2)):
        z = h * m
        h = z + silu(z @ w + b) + h * (1 - m)
    return h @ W_OUT + B_OUT


betas = np.linspace(1e-4, 0.02, T).tolist()
common = dict(num_train_timesteps=T, trained_betas=betas, timestep_spacing="leading", prediction_type="epsilon")
SCHEDULERS = {
    "ddpm": lambda: DDPMScheduler(**common, variance_type="fixed_small", clip_sample=False),
    "ddim": lambda: DDIMScheduler(**common, clip_sample=False, set_alpha_to_one=True),
    "euler": lambda: EulerDiscreteScheduler(**common),
    "euler_ancestral": lambda: EulerAncestralDiscreteScheduler(**common),
    "heun": lambda: HeunDiscreteScheduler(**common),
    "dpmpp_2m": lambda: DPMSolverMultistepScheduler(**common, algorithm_type="dpmsolver++", solver_order=2,
                                                     lower_order_final=True),
}
X = torch.randn(N, 2, dtype=F, generator=torch.Generator().manual_seed(1))


def run(method):
    sch = SCHEDULERS[method]()
    sch.set_timesteps(50)
    extra = {"generator": torch.Generator().manual_seed(0)} if method in ("ddpm", "ddim", "euler_ancestral") else {}
    x = X * sch.init_noise_sigma
    for t in sch.timesteps:
        out = denoiser(sch.scale_model_input(x, t), t)
        x = sch.step(out, t, x, **extra).prev_sample
    return x


for method in SCHEDULERS:
    median, reps = measure(lambda: run(method), budget=0, min_reps=3)  # seconds per run: warm-up + 3, as dtr-bench
    print(json.dumps({"suite": "sampling", "name": f"{method}_50_10000", "median_s": median, "reps": reps}))
