#!/usr/bin/env python3
"""Peer of the "notebook" bench suite: notebooks/03-routing.dtrnb's computation written as a
Jupyter notebook with numpy (and matplotlib for the figures), executed headless with
`jupyter nbconvert --to notebook --execute`, the way a Python user runs a notebook in CI.

Builds bench/out/03-routing-numpy.ipynb (cell for cell: the three strategies, the DTR window
by hand, DiT-XL width, α and β variants, affinity by matrix products, adjacent overlap,
usage, interval routing, a custom strategy, a cell that is meant to raise, the DTR block,
np.save of the mask). Figures are drawn with matplotlib's Agg backend and embedded in the
executed notebook as PNGs. Times nbconvert (one warm-up, then the median of 5 runs) with
the kernel `dtr-bench`, which bench/run.sh installs into bench/.venv (so the kernel is the
venv's python). Prints {"suite": "notebook", "name": "run_03_routing", "median_s": ...}.
"""
import json
import os
import statistics
import subprocess
import sys
import time

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "out")
NOTEBOOK = os.path.join(OUT, "03-routing-numpy.ipynb")
KERNEL = os.environ.get("DTR_BENCH_KERNEL", "dtr-bench")
JUPYTER = os.path.join(os.path.dirname(sys.executable), "jupyter")

CELLS = [
    ("md", "# Denoising Task Routing (numpy peer of notebooks/03-routing.dtrnb)"),
    # Set-up: the same helpers dtr has as builtins (route, affinity, overlap, usage, apply_route, plots).
    ("code", r'''
import io
import numpy as np
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from IPython.display import Image, display

T, C = 1000, 64


def show(fig):
    """Embed the figure as a PNG in the notebook."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100)
    plt.close(fig)
    display(Image(data=buf.getvalue(), format="png"))


def heatmaps(masks, titles, cols):
    fig, axes = plt.subplots(1, cols, figsize=(4 * cols, 4), squeeze=False)
    for ax, m, title in zip(axes[0], masks, titles):
        im = ax.imshow(m, aspect="auto", interpolation="nearest", cmap="viridis")
        ax.set_title(title)
        fig.colorbar(im, ax=ax)
    show(fig)


def route_dense(T, C):
    return np.ones((T, C))


def route_random(T, C, beta=0.8, seed=0):
    k = int(C * beta)
    rng = np.random.default_rng(seed)
    m = np.ones((T, C))
    for t in range(T):
        m[t, rng.choice(C, C - k, replace=False)] = 0.0
    return m


def route_dtr(T, C, beta=0.8, alpha=4.0):
    """create_mask_tasks of the official DTR code."""
    k = int(C * beta)
    start = np.round(np.linspace(0, 1, T) ** alpha * (C - k)).astype(np.int64)
    ch = np.arange(C)
    return ((ch >= start[:, None]) & (ch < (start + k)[:, None])).astype(np.float64)


def route_interval(T, C, clusters, beta=0.8, alpha=4.0):
    base = route_dtr(clusters, C, beta, alpha)
    idx = np.empty(T, dtype=np.int64)
    for i in range(clusters):
        idx[int(T * i / clusters):int(T * (i + 1) / clusters)] = i
    return base[idx]


def route_fn(f, T, C):
    rows = []
    for t in range(T):
        row = np.asarray(f(t), dtype=np.float64)
        if row.shape != (C,) or not np.all((row == 0) | (row == 1)):
            raise ValueError(f"route: the function returned shape {row.shape} for t = {t}, expected ({C},) of zeros and ones")
        rows.append(row)
    return np.stack(rows)


def affinity(m):
    inter = m @ m.T
    n = np.diag(inter)
    return inter / (n[:, None] + n[None, :] - inter)


def overlap(m, lag=1):
    inter = np.sum(m[:-lag] * m[lag:], axis=1)
    n = m.sum(axis=1)
    return inter / (n[:-lag] + n[lag:] - inter)


def usage(m):
    return m.sum(axis=0)


def apply_route(x, m, t, block):
    mt = m[t]
    return block(x * mt) + x * (1 - mt)
'''),
    ("code", r'''
dense = route_dense(T, C)
rnd = route_random(T, C, beta=0.8, seed=0)
dtr = route_dtr(T, C)
print("channels read per task:", dense[0].sum(), rnd[0].sum(), dtr[0].sum())
T_pic = 64
heatmaps([route_dense(T_pic, C), route_random(T_pic, C, seed=0), route_dtr(T_pic, C)],
         ["dense", "random (R-TR)", "DTR"], 3)
'''),
    ("code", r'''
k = np.floor(C * 0.8)
start = np.round(np.linspace(0, 1, T) ** 4 * (C - k))
by_hand = route_fn(lambda t: (np.arange(0, C) >= start[t]) * (np.arange(0, C) < start[t] + k), T, C)
print("k =", k, " start: first", start[0], "last", start[-1])
print("identical to route_dtr:", np.all(by_hand == dtr))
'''),
    ("code", r'''
big = route_dtr(1000, 1152)
s = np.argmax(big, axis=1)
print("k =", big[0].sum(), " start goes", s[0], "->", s[-1])
'''),
    ("code", r'''
def window_start(a):
    return np.argmax(route_dtr(T, C, alpha=a), axis=1)

fig, ax = plt.subplots(figsize=(6, 4))
for a in [1, 2, 4, 8]:
    ax.plot(window_start(a), label=f"α = {a}")
ax.set_title("window start"); ax.set_xlabel("t"); ax.set_ylabel("first channel"); ax.legend()
show(fig)
'''),
    ("code", r'''
heatmaps([route_dtr(T_pic, C, beta=b) for b in (0.5, 0.8, 0.95)], ["β = 0.5", "β = 0.8", "β = 0.95"], 3)
'''),
    ("code", r'''
small_T = 100
heatmaps([affinity(route_dtr(small_T, C)), affinity(route_random(small_T, C, seed=0))],
         ["DTR affinity", "random affinity"], 2)
'''),
    ("code", r'''
o = overlap(dtr, lag=1)
r = overlap(rnd, lag=1)
print("DTR adjacent IoU: min", f"{o.min():.3g}", "mean", f"{o.mean():.3g}")
print("random adjacent IoU: mean", f"{r.mean():.3g}")
fig, ax = plt.subplots(figsize=(6, 4))
ax.plot(o); ax.set_title("IoU of task t with task t+1 (DTR)"); ax.set_xlabel("t")
show(fig)
'''),
    ("code", r'''
u = usage(route_dtr(T, 16))
fig, ax = plt.subplots(figsize=(6, 4))
ax.bar(np.arange(16), u); ax.set_title("tasks per channel (C = 16)"); ax.set_xlabel("channel")
show(fig)
'''),
    ("code", r'''
heatmaps([route_interval(T_pic, C, clusters=8)], ["interval routing, K = 8"], 1)
'''),
    ("code", r'''
def wrapping(n):
    k = 48
    ch = np.arange(0, C)
    return lambda t: ((ch - np.floor(t / n * C)) % C) < k

mine = route_fn(wrapping(T), T, C)
print("channels read per task:", mine.sum(axis=1).min(), "to", mine.sum(axis=1).max())
heatmaps([route_fn(wrapping(T_pic), T_pic, C)], ["wrapping window"], 1)
'''),
    ("raises", r'''
route_fn(lambda t: np.array([1, 0, 1]), T, C)
'''),
    ("code", r'''
w = np.random.default_rng(3).standard_normal((C, C)) * 0.1
def block(h):
    return h + np.tanh(h @ w)
x = np.random.default_rng(4).standard_normal((4, C))
t_batch = [0, 10, 500, 999]
y = apply_route(x, dtr, t_batch, block)
off = 1 - dtr[t_batch]
y2 = apply_route(x + 5 * off, dtr, t_batch, block)
print("the block never reads them: y changes by exactly the nudge:", np.all(np.abs(y2 - y - 5 * off) < 1e-9))
print("but its update reaches every channel:", np.any(np.abs((y - x) * off) > 0))
y.shape
'''),
    ("code", r'''
np.save("dtr_mask.npy", dtr)
np.load("dtr_mask.npy").shape
'''),
]


def build():
    nb = new_notebook()
    nb.metadata["kernelspec"] = {"name": KERNEL, "display_name": f"Python ({KERNEL})", "language": "python"}
    for kind, text in CELLS:
        if kind == "md":
            nb.cells.append(new_markdown_cell(text))
        else:
            cell = new_code_cell(text.strip("\n"))
            if kind == "raises":
                cell.metadata["tags"] = ["raises-exception"]
            nb.cells.append(cell)
    nbformat.validate(nb)
    os.makedirs(OUT, exist_ok=True)
    nbformat.write(nb, NOTEBOOK)


def execute():
    cmd = [JUPYTER, "nbconvert", "--to", "notebook", "--execute",
           f"--ExecutePreprocessor.kernel_name={KERNEL}",
           "--output", "03-routing-numpy.executed.ipynb", "--output-dir", OUT, NOTEBOOK]
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def check():
    """The executed notebook: no unexpected error, the expected one raised, PNGs embedded."""
    nb = nbformat.read(os.path.join(OUT, "03-routing-numpy.executed.ipynb"), as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    errors = [i for i, c in enumerate(code) if any(o.output_type == "error" for o in c.outputs)]
    expected = [i for i, c in enumerate(code) if "raises-exception" in c.metadata.get("tags", [])]
    pngs = sum("image/png" in o.get("data", {}) for c in code for o in c.outputs)
    assert errors == expected, f"cells with errors {errors}, expected {expected}"
    assert pngs == 8, f"only {pngs} PNG figures embedded"
    text = "".join(o.get("text", "") for c in code for o in c.outputs)
    assert "identical to route_dtr: True" in text and "exactly the nudge: True" in text, text


build()
subprocess.run([JUPYTER, "nbconvert", "--version"], check=True, stdout=subprocess.DEVNULL)
execute()  # warm-up (byte-compiles, fills font caches)
check()
times = [execute() for _ in range(5)]
print(json.dumps({"suite": "notebook", "name": "run_03_routing", "median_s": statistics.median(times),
                  "reps": len(times)}), flush=True)
