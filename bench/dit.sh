#!/usr/bin/env bash
# The "dit" bench suite: notebook 07's tiny DiT through dtr's interpreter (dtr-bench dit) beside
# the same model in PyTorch (bench/peers/dit_torch.py), same threads on both sides (DIT_THREADS,
# default 1), ratio of medians printed by compare.py.
# Usage: [DTR_VENV=/path/to/venv] [DIT_THREADS=N] [BENCH_ROUNDS=N] bench/dit.sh
# Both sides compute in f64 (stdlib/dit.dtr has no f32 path yet), not f32 as the issue asks.
# The peer needs torch (CPU) and diffusers: taken from $DTR_VENV if set, else installed into
# bench/.venv-torch on first use.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
swift build -c release --product dtr-bench >/dev/null
venv="${DTR_VENV:-bench/.venv-torch}"
if [ ! -x "$venv/bin/python" ]; then python3 -m venv "$venv"; fi
if ! "$venv/bin/python" -c 'import torch, diffusers, numpy' 2>/dev/null; then
  "$venv/bin/pip" install -q --index-url https://download.pytorch.org/whl/cpu torch
  "$venv/bin/pip" install -q diffusers numpy
fi
threads="${DIT_THREADS:-1}"
out=bench/out; mkdir -p "$out"
: > "$out/dit_dtr.jsonl"; : > "$out/dit_peer.jsonl"
for round in $(seq "${BENCH_ROUNDS:-3}"); do
  echo "== round $round" >&2
  OPENBLAS_NUM_THREADS="$threads" .build/release/dtr-bench --json dit | tee -a "$out/dit_dtr.jsonl" >&2
  DIT_THREADS="$threads" "$venv/bin/python" bench/peers/dit_torch.py | tee -a "$out/dit_peer.jsonl" >&2
done
python3 bench/compare.py "$out/dit_dtr.jsonl" "$out/dit_peer.jsonl"
