"""Reference runs of diffusers' schedulers for dtr's `sample` (tests: SamplerFixtureTests).

Run by hand in a venv with torch, diffusers 0.42 and k-diffusion (its sampling.py only; the
package may be installed with --no-deps):
    python Tests/LanguageTests/SamplerFixtures/gen_samplers.py
writes samplers.json beside this script.

Every case runs the diffusers scheduler of a method exactly as its pipeline does
(set_timesteps, x·init_noise_sigma, then scale_model_input → model → step per timestep) on an
analytic model, twice:
- "f32": diffusers as shipped (its float32 arrays and arithmetic);
- "f64": the same code with every float32 in the scheduler module replaced by float64 (its
  numpy/torch names are proxied and torch's default dtype is float64), i.e. the same algorithm
  in double precision.
The noise the schedulers draw (randn_tensor) is replaced by fixed draws 0, 1, 2, … and the
number of draws is recorded. Schedules are built from dtr's formulas in numpy (bit-identical
to dtr's) and passed as trained_betas; the model receives the original timesteps of a
respaced schedule (np.interp of the kept timesteps at fractional positions).
"""
import json, os, sys, types
import numpy as np
import torch
import diffusers
from diffusers.schedulers import (scheduling_ddpm, scheduling_ddim, scheduling_euler_discrete,
                                  scheduling_euler_ancestral_discrete, scheduling_heun_discrete,
                                  scheduling_dpmsolver_multistep)

assert diffusers.__version__.startswith("0.42"), diffusers.__version__
torch.set_num_threads(1)

MODULES = {
    "ddpm": (scheduling_ddpm, "DDPMScheduler"),
    "ddim": (scheduling_ddim, "DDIMScheduler"),
    "euler": (scheduling_euler_discrete, "EulerDiscreteScheduler"),
    "euler_ancestral": (scheduling_euler_ancestral_discrete, "EulerAncestralDiscreteScheduler"),
    "heun": (scheduling_heun_discrete, "HeunDiscreteScheduler"),
    "dpmpp_2m": (scheduling_dpmsolver_multistep, "DPMSolverMultistepScheduler"),
}
PRED = {"eps": "epsilon", "v": "v_prediction", "x0": "sample"}

# ── schedules, as dtr computes them ─────────────────────────────────────────────────────
def linear(T):
    scale = 1000 / T
    return np.linspace(scale * 0.0001, scale * 0.02, T)

def alpha_bar(betas):
    return np.cumprod(1 - betas)

def zero_terminal_snr(betas):
    r = np.sqrt(alpha_bar(betas))
    first, last = r[0], r[-1]
    r = r - last
    r = r * (first / (first - last))
    ab = r * r
    out = np.empty_like(ab)
    out[0] = 1 - ab[0]
    out[1:] = 1 - ab[1:] / ab[:-1]
    return out

def space_timesteps(T, n):  # guided-diffusion, one section
    stride = 1 if n <= 1 else (T - 1) / (n - 1)
    cur, steps = 0.0, set()
    for _ in range(n):
        steps.add(round(cur))
        cur += stride
    return sorted(steps)

def respace(betas, n):
    ab = alpha_bar(betas)
    kept = space_timesteps(len(betas), n)
    last, out = 1.0, []
    for i in kept:
        out.append(1 - ab[i] / last)
        last = ab[i]
    return np.array(out), np.array(kept, dtype=np.float64)

SCHEDULES = {}
b = linear(1000)
SCHEDULES["linear"] = ('schedule("linear", 1000)', b, np.arange(1000.0))
rb, kept = respace(b, 100)
SCHEDULES["respaced"] = ('respace(schedule("linear", 1000), 100)', rb, kept)
SCHEDULES["ztsnr"] = ('zero_terminal_snr(schedule("linear", 1000))', zero_terminal_snr(b), np.arange(1000.0))

# ── analytic models: the same formulas appear in SamplerFixtureTests ────────────────────
MODELS = {
    "affine": lambda x, t: 0.3 * x + 0.5 * (t / 1000).reshape(-1, *[1] * (x.ndim - 1)),
    "nonlinear": lambda x, t: torch.tanh(x + (t / 1000).reshape(-1, *[1] * (x.ndim - 1))) * 0.8 - 0.2 * x,
}

rng = np.random.default_rng(16)
X = rng.standard_normal((2, 2)).astype(np.float32).astype(np.float64)
NOISES = rng.standard_normal((60, 2, 2)).astype(np.float32).astype(np.float64)

# ── float64 mode: the scheduler module's float32 becomes float64 ───────────────────────
class Proxy(types.SimpleNamespace):
    def __init__(self, mod, **repl):
        super().__init__(**repl)
        self._mod = mod
    def __getattr__(self, k):
        return getattr(self._mod, k)

def patch(mod, f64, draws):
    def fake_randn(shape, generator=None, device=None, dtype=None, layout=None):
        k = len(draws)
        draws.append(tuple(shape))
        return torch.tensor(NOISES[k], dtype=dtype)
    mod.randn_tensor = fake_randn
    if f64:
        mod.np = Proxy(np, float32=np.float64)
        mod.torch = Proxy(torch, float32=torch.float64)
    else:
        mod.np, mod.torch = np, torch

def run(method, sched_key, steps, spacing, offset, pred, eta, karras, clip, model_key, f64):
    mod, cls = MODULES[method]
    draws = []
    patch(mod, f64, draws)
    dtype = torch.float64 if f64 else torch.float32
    torch.set_default_dtype(dtype)
    try:
        _, betas, original = SCHEDULES[sched_key]
        kw = dict(num_train_timesteps=len(betas), trained_betas=betas.tolist(), prediction_type=PRED[pred],
                  timestep_spacing=spacing, steps_offset=offset)
        if method == "ddpm":
            kw.update(variance_type="fixed_small", clip_sample=clip is not None, clip_sample_range=clip or 1.0)
        if method == "ddim":
            kw.update(set_alpha_to_one=True, clip_sample=clip is not None, clip_sample_range=clip or 1.0)
        if method == "heun":
            kw.update(clip_sample=clip is not None, clip_sample_range=clip or 1.0)
        if method in ("euler", "heun", "dpmpp_2m"):
            kw.update(use_karras_sigmas=karras)
        if method == "dpmpp_2m":
            kw.update(algorithm_type="dpmsolver++", solver_order=2, lower_order_final=True)
        sch = getattr(mod, cls)(**kw)
        sch.set_timesteps(steps)
        x = torch.tensor(X, dtype=dtype) * sch.init_noise_sigma
        model = MODELS[model_key]
        ts_seen = []
        for t in sch.timesteps:
            xin = sch.scale_model_input(x, t)
            tm = float(np.interp(float(t), np.arange(len(original)), original))
            ts_seen.append(tm)
            out = model(xin, torch.full((x.shape[0],), tm, dtype=dtype))
            extra = {"eta": eta} if method == "ddim" else {}
            x = sch.step(out, t, x, **extra).prev_sample
        return x.to(torch.float64).numpy(), len(draws), ts_seen
    finally:
        torch.set_default_dtype(torch.float32)
        patch(mod, False, [])

def cases():
    for sched in ("linear", "respaced", "ztsnr"):
        for method in MODULES:
            if sched == "ztsnr" and method not in ("ddpm", "ddim"):
                continue  # σ is infinite where ᾱ = 0: dtr refuses (tested separately)
            for spacing in ("leading", "trailing", "linspace"):
                for pred in ("eps", "v", "x0"):
                    if method == "euler_ancestral" and pred == "x0":
                        continue
                    if sched == "ztsnr" and pred == "eps" and spacing != "leading":
                        continue  # ε-prediction at ᾱ = 0: dtr refuses
                    for karras in ((False, True) if method in ("euler", "heun", "dpmpp_2m") else (False,)):
                        clips = (None, 1.0) if method in ("ddpm", "ddim", "heun") and spacing == "leading" else (None,)
                        for clip in clips:
                            etas = (0.0, 0.5) if method == "ddim" else (0.0,)
                            for eta in etas:
                                for steps in (1, 2, 10, 50):
                                    offset = 1 if spacing == "leading" and steps == 10 and not karras else 0
                                    yield dict(method=method, schedule=sched, steps=steps, spacing=spacing,
                                               offset=offset, prediction=pred, eta=eta, karras=karras, clip=clip)

# ── k-diffusion's samplers (sample_euler, sample_heun, sample_dpmpp_2m) with Karras σ ───────
def load_k_diffusion_sampling():
    """k_diffusion/sampling.py of the installed k-diffusion, imported on its own: its package
    __init__ pulls in training dependencies (skimage, …) that sampling does not use, so the
    package, its utils.append_dims and the SDE/ODE back-ends sampling imports are stubbed."""
    import importlib.util
    spec = importlib.util.find_spec("k_diffusion")
    path = os.path.join(os.path.dirname(spec.origin), "sampling.py")
    pkg = types.ModuleType("k_diffusion"); pkg.__path__ = []
    utils = types.ModuleType("k_diffusion.utils")
    utils.append_dims = lambda x, n: x[(...,) + (None,) * (n - x.ndim)]
    pkg.utils = utils
    sys.modules.update({"k_diffusion": pkg, "k_diffusion.utils": utils,
                        "torchsde": types.ModuleType("torchsde"), "torchdiffeq": types.ModuleType("torchdiffeq")})
    sys.modules["torchdiffeq"].odeint = None
    mspec = importlib.util.spec_from_file_location("k_diffusion.sampling", path)
    mod = importlib.util.module_from_spec(mspec)
    mspec.loader.exec_module(mod)
    return mod

def k_diffusion_cases():
    """dtr's sample(method, …, karras: true, spacing: "linspace") against k-diffusion's sampler
    on the same σ (diffusers' Karras σ, float64) with the discrete-time denoiser wrapper
    D(x, σ) = x − σ·ε(x/√(σ² + 1), t(σ)), t(σ) diffusers' log-σ interpolation (rounded for
    DPM-Solver++ as diffusers rounds it). k-diffusion starts at σ_max·x; DPM-Solver++ in
    diffusers works on x/√(σ² + 1), so its dtr start is scaled by σ_max/√(σ_max² + 1)."""
    K = load_k_diffusion_sampling()
    fns = {"euler": K.sample_euler, "heun": K.sample_heun, "dpmpp_2m": K.sample_dpmpp_2m}
    betas = SCHEDULES["linear"][1]
    out = []
    torch.set_default_dtype(torch.float64)
    try:
        for method, fn in fns.items():
            for steps in (2, 10, 50):
                for model_key in MODELS:
                    mod, cls = MODULES[method]
                    patch(mod, True, [])
                    kw = dict(trained_betas=betas.tolist(), timestep_spacing="linspace", use_karras_sigmas=True)
                    sch = getattr(mod, cls)(**kw)
                    sch.set_timesteps(steps)
                    sig = sch.sigmas.to(torch.float64)
                    sig = torch.cat([sig[:1], sig[1:-1:2], sig[-1:]]) if method == "heun" else sig
                    full = np.sqrt((1 - alpha_bar(betas)) / alpha_bar(betas))
                    log_full = np.log(full)
                    def denoiser(x, sigma, model=MODELS[model_key], method=method):
                        sv = float(sigma[0])
                        t = float(sch._sigma_to_t(np.array(sv), log_full))
                        if method == "dpmpp_2m":
                            t = float(np.round(t))
                        eps = model(x / (sv ** 2 + 1) ** 0.5, torch.full((x.shape[0],), t))
                        return x - sv * eps
                    smax = float(sig[0])
                    x0 = torch.tensor(X) * smax
                    res = fn(denoiser, x0, sig, disable=True)
                    scale = smax / (smax ** 2 + 1) ** 0.5 if method == "dpmpp_2m" else 1.0
                    patch(mod, False, [])
                    out.append(dict(method=method, steps=steps, model=model_key, x_scale=scale,
                                    sigmas=sig.tolist(), f64=res.numpy().ravel().tolist()))
    finally:
        torch.set_default_dtype(torch.float32)
    return out

def main():
    out_cases = []
    worst = 0.0
    for i, c in enumerate(cases()):
        model_key = "affine" if i % 2 == 0 else "nonlinear"
        args = (c["method"], c["schedule"], c["steps"], c["spacing"], c["offset"], c["prediction"], c["eta"],
                c["karras"], c["clip"], model_key)
        r32, d32, ts32 = run(*args, f64=False)
        r64, d64, ts64 = run(*args, f64=True)
        assert d32 == d64, (c, d32, d64)
        if not (np.isfinite(r32).all() and np.isfinite(r64).all()):
            print("skipping non-finite case", c, file=sys.stderr)
            continue
        worst = max(worst, float(np.max(np.abs(r32 - r64) / np.maximum(np.abs(r64), 1e-300))))
        c = dict(c, model=model_key, draws=d64, evals=len(ts64),
                 f32=[float(np.float32(v)) for v in r32.ravel()], f64=r64.ravel().tolist())
        out_cases.append(c)
    doc = {
        "generator": "gen_samplers.py", "diffusers": diffusers.__version__, "torch": torch.__version__,
        "schedules": {k: {"expr": v[0], "betas_sum": float(np.sum(v[1]))} for k, v in SCHEDULES.items()},
        "x": X.tolist(), "noises": NOISES.tolist(), "cases": out_cases,
        "kdiffusion": k_diffusion_cases(),
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "samplers.json")
    with open(path, "w") as f:
        json.dump(doc, f, separators=(",", ":"))
    print(f"{len(out_cases)} cases, {len(doc['kdiffusion'])} k-diffusion cases, f32 vs f64 worst relative difference {worst:.2e}, wrote {path}")

if __name__ == "__main__":
    main()
