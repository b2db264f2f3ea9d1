#!/usr/bin/env python3
"""Joins dtr's and the peers' JSON lines by (suite, name) and prints a Markdown table of
medians and the ratio dtr/peer (below 1.0 means dtr is faster). A workload measured in several
rounds (bench/run.sh's BENCH_ROUNDS) gets the median of its per-round medians on each side."""
import json, statistics, sys

def load(path):
    rows = {}
    for line in open(path):
        line = line.strip()
        if line.startswith("{"):
            r = json.loads(line)
            rows.setdefault((r["suite"], r["name"]), []).append(r["median_s"])
    return {key: {"median_s": statistics.median(v), "rounds": len(v)} for key, v in rows.items()}

def fmt(s):
    if s is None: return "—"
    if s < 1e-3: return f"{s*1e6:.2f} µs"
    if s < 1: return f"{s*1e3:.2f} ms"
    return f"{s:.3f} s"

dtr, peer = load(sys.argv[1]), load(sys.argv[2])
print("| suite | workload | dtr median | peer median | ratio dtr/peer |")
print("|---|---|---|---|---|")
for key in sorted(set(dtr) | set(peer)):
    d = dtr.get(key, {}).get("median_s"); p = peer.get(key, {}).get("median_s")
    ratio = f"{d/p:.2f}" if d and p else "—"
    print(f"| {key[0]} | {key[1]} | {fmt(d)} | {fmt(p)} | {ratio} |")
