#!/usr/bin/env bash
# Runs dtr's benchmarks and their numpy/Python peers in the same run and prints the ratio
# of medians per workload.   Usage: [BENCH_ROUNDS=N] bench/run.sh [SUITE…]   (suites: tensor diffusion render language notebook …)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
swift build -c release --product dtr-bench >/dev/null
swift build -c release --product dtr >/dev/null
out=bench/out; mkdir -p "$out"
# Peers run with numpy (matplotlib for render, nbconvert + ipykernel for notebook) from a
# venv, created on first use; packages added since an older venv was made are installed too.
if [ ! -x bench/.venv/bin/python ]; then
  python3 -m venv bench/.venv
fi
if ! bench/.venv/bin/python -c 'import numpy, matplotlib, nbconvert, ipykernel' 2>/dev/null; then
  bench/.venv/bin/pip install -q numpy matplotlib nbconvert ipykernel
fi
# The notebook peer's kernel: the venv's own python, registered inside the venv (not in ~).
if [ ! -f bench/.venv/share/jupyter/kernels/dtr-bench/kernel.json ]; then
  bench/.venv/bin/python -m ipykernel install --sys-prefix --name dtr-bench --display-name "Python (bench/.venv)" >/dev/null
fi
# BENCH_ROUNDS rounds (default 3), each dtr then its peers, so that a slow spell of this shared
# machine (two vCPUs whose speed comes and goes) falls on both sides; compare.py reports the
# median over rounds of each side's per-round median.
rounds="${BENCH_ROUNDS:-3}"
: > "$out/dtr.jsonl"
: > "$out/peer.jsonl"
for round in $(seq "$rounds"); do
  echo "== round $round of $rounds" >&2
  .build/release/dtr-bench --json "$@" | tee -a "$out/dtr.jsonl" >&2
  for peer in bench/peers/*_peer.py; do
    suite=$(basename "$peer" _peer.py)
    if [ $# -eq 0 ] || printf '%s\n' "$@" | grep -qx "$suite"; then
      py=bench/.venv/bin/python
      if [ "$suite" = sampling ]; then
        # PyTorch + diffusers peer: DTR_TORCH_VENV names a venv that has them (e.g. /work/pyvenv);
        # otherwise they are installed into bench/.venv (CPU torch) on first use.
        py="${DTR_TORCH_VENV:-bench/.venv}/bin/python"
        "$py" -c 'import torch, diffusers' 2>/dev/null || "$py" -m pip install -q torch "diffusers==0.42.*" --extra-index-url https://download.pytorch.org/whl/cpu
      fi
      "$py" "$peer" | tee -a "$out/peer.jsonl" >&2
    fi
  done
done
python3 bench/compare.py "$out/dtr.jsonl" "$out/peer.jsonl"
