#!/usr/bin/env bash
# Runs dtr's benchmarks and their numpy/Python peers in the same run and prints the ratio
# of medians per workload.   Usage: bench/run.sh [SUITE…]   (suites: tensor diffusion render language notebook …)
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
.build/release/dtr-bench --json "$@" | tee "$out/dtr.jsonl" >&2
: > "$out/peer.jsonl"
for peer in bench/peers/*_peer.py; do
  suite=$(basename "$peer" _peer.py)
  if [ $# -eq 0 ] || printf '%s\n' "$@" | grep -qx "$suite"; then
    bench/.venv/bin/python "$peer" | tee -a "$out/peer.jsonl" >&2
  fi
done
python3 bench/compare.py "$out/dtr.jsonl" "$out/peer.jsonl"
