#!/usr/bin/env bash
# Jupyter kernel latency: execute_request `1 + 1` to idle, dtr kernel vs ipykernel, through
# the same jupyter_client (bench/peers/kernel_latency.py); prints compare.py's table.
# Usage: [BENCH_ROUNDS=N] [DTR_VENV=venv] bench/kernel.sh   (target: ratio ≤ 0.5)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
swift build -c release --product dtr >/dev/null
venv="${DTR_VENV:-bench/.venv}"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c 'import jupyter_client, ipykernel' 2>/dev/null; then
  "$venv/bin/pip" install -q jupyter_client ipykernel
fi
out=bench/out; mkdir -p "$out"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dtr-kernel-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
.build/release/dtr kernel install --prefix "$tmp" --name dtr >/dev/null
"$venv/bin/python" -m ipykernel install --prefix "$tmp" --name python3 >/dev/null
JUPYTER_PATH="$tmp/share/jupyter" "$venv/bin/python" bench/peers/kernel_latency.py "$out" "${BENCH_ROUNDS:-3}"
python3 bench/compare.py "$out/kernel-dtr.jsonl" "$out/kernel-peer.jsonl"
