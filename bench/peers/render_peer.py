"""Peer for the dtr render benchmarks: matplotlib draws the same 1000x1152 DTR-mask heatmap.

Same picture as `heatmap_png_1000x1152` in bench/Sources/dtr-bench/RenderBench.swift: a
1000x1152 0/1 mask (ones on [start_t, start_t + 921), start_t = round((t/999)^4 * 231), half to
even as numpy), imshow with nearest interpolation, viridis, colour bar, title and axis labels,
saved as PNG of the same pixel size dtr writes (640x480 at scale 3 = 1920x1440). Prints one JSON
line per case with the median of N timed runs (time.perf_counter).

Usage: python render_peer.py [N]    (default N = 7)
"""
import io
import json
import sys
import time

import numpy as np
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def dtr_mask(T=1000, C=1152, beta=0.8, alpha=4.0):
    k = int(C * beta)
    start = np.round(np.linspace(0, 1, T) ** alpha * (C - k)).astype(int)
    m = np.zeros((T, C))
    for t in range(T):
        m[t, start[t]:start[t] + k] = 1
    return m


def heatmap_png(mask):
    fig = plt.figure(figsize=(6.4, 4.8), dpi=300)
    ax = fig.add_subplot(1, 1, 1)
    im = ax.imshow(mask, cmap="viridis", interpolation="nearest", aspect="auto")
    fig.colorbar(im, ax=ax, label="value")
    ax.set_title("DTR routing mask")
    ax.set_xlabel("channel")
    ax.set_ylabel("task t")
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=300)
    plt.close(fig)
    return buf.getvalue()


def median_time(fn, n):
    fn()  # warm-up (font cache, first-use imports)
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return float(np.median(times))


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    mask = dtr_mask()
    print(json.dumps({"suite": "render", "name": "heatmap_png_1000x1152",
                      "median_s": median_time(lambda: heatmap_png(mask), n)}))


if __name__ == "__main__":
    main()
