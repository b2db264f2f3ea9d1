#!/usr/bin/env bash
# Runs dtr's benchmarks and their numpy/Python peers in the same run and prints the ratio
# of medians per workload.   Usage: bench/run.sh [SUITE…]   (suites: tensor diffusion render language …)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
swift build -c release --product dtr-bench >/dev/null
swift build -c release --product dtr >/dev/null
out=bench/out; mkdir -p "$out"
# Peers run with numpy (and matplotlib for render) from a venv, created on first use.
if [ ! -x bench/.venv/bin/python ]; then
  python3 -m venv bench/.venv
  bench/.venv/bin/pip install -q numpy matplotlib
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
