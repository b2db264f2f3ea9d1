#!/usr/bin/env bash
# Interoperability checks with the Python stack (run by .ci/run after scripts/test.sh):
#   1. an exported .ipynb (notebooks/03-routing.dtrnb) validates with the nbformat package;
#   2. .npy files written by numpy (f64, f32, int64, bool, 0-d, Fortran order, big-endian; bool stays|b1)
#      load in dtr, are saved back by dtr, and numpy reads back exactly the same values.
# Uses system python3 when it already has nbformat and numpy, else a venv in
# .build/interop-venv (created, and `pip install nbformat numpy`, when missing).
# Needs .build/debug/dtr (scripts/test.sh builds it). Prints one line per check; exit 1 on
# any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
dtr="$root/.build/debug/dtr"
if [ ! -x "$dtr" ]; then
  echo "check_interop: $dtr is missing: run scripts/test.sh (or swift build) first" >&2
  exit 2
fi

# --- Python with nbformat and numpy -------------------------------------------------------
if python3 -c 'import nbformat, numpy' 2>/dev/null; then
  py=python3
else
  venv="$root/.build/interop-venv"
  if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
  fi
  if ! "$venv/bin/python" -c 'import nbformat, numpy' 2>/dev/null; then
    "$venv/bin/python" -m pip install -q --disable-pip-version-check nbformat numpy
  fi
  py="$venv/bin/python"
fi
echo "interop: python $("$py" -c 'import sys, nbformat, numpy; print(sys.version.split()[0], "nbformat", nbformat.__version__, "numpy", numpy.__version__)')"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/dtr-interop.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
failures=0
pass() { echo "PASS  $*"; }
fail() { echo "FAIL  $*"; failures=$((failures + 1)); }

# --- 1. exported .ipynb validates with nbformat ----------------------------------------------
mkdir "$tmp/nb"
cp notebooks/03-routing.dtrnb "$tmp/nb/"
if (cd "$tmp/nb" && "$dtr" export 03-routing.dtrnb --to ipynb -o 03-routing.ipynb >"$tmp/export.log" 2>&1); then
  if "$py" scripts/validate_ipynb.py "$tmp/nb/03-routing.ipynb" >"$tmp/validate.log" 2>&1; then
    pass "ipynb: dtr export notebooks/03-routing.dtrnb --to ipynb validates with nbformat ($(sed 's/.*: valid //' "$tmp/validate.log"))"
  else
    fail "ipynb: the exported 03-routing.ipynb does not validate:"; sed 's/^/      /' "$tmp/validate.log"
  fi
else
  fail "ipynb: dtr export notebooks/03-routing.dtrnb --to ipynb failed:"; sed 's/^/      /' "$tmp/export.log"
fi

# --- 2. .npy round trip numpy -> dtr -> numpy -------------------------------------------------
mkdir "$tmp/npy"
# numpy writes the inputs and lists them: NAME EXPECTED-DESCR (what dtr writes back).
"$py" - "$tmp/npy" >"$tmp/npy/cases.txt" <<'PY'
import sys
import numpy as np
d = sys.argv[1]
rng = np.random.default_rng(7)
special = [0.0, -0.0, 1.0, -1.5, np.inf, -np.inf, np.nan, 5e-324, np.finfo(np.float64).max, np.pi]
cases = {
    "f64":        (np.concatenate([rng.standard_normal(990), special]).reshape(10, 100), "<f8"),
    "f32":        (np.concatenate([rng.standard_normal(117), [np.inf, -np.inf, np.float32(1e-45)]]).astype(np.float32).reshape(4, 5, 6), "<f4"),
    "int64":      (np.array([[0, 1, -1, 2**53, -(2**53)], [7, 42, -1000, 123456789, 3]], dtype=np.int64), "<f8"),
    "bool":       (rng.random((7, 9)) < 0.5, "|b1"),
    "zero_d":     (np.array(3.25), "<f8"),
    "fortran":    (np.asfortranarray(rng.standard_normal((3, 4, 5))), "<f8"),
    "big_endian": (rng.standard_normal((6, 7)).astype(">f8"), "<f8"),
}
for name, (a, descr) in cases.items():
    np.save(f"{d}/{name}.npy", a)
    print(name, descr)
PY
script="$tmp/npy/roundtrip.dtr"
while read -r name _; do
  echo "save_npy(load_npy(\"$name.npy\"), \"$name.out.npy\")" >>"$script"
done <"$tmp/npy/cases.txt"
if ! (cd "$tmp/npy" && "$dtr" roundtrip.dtr >"$tmp/npy/dtr.log" 2>&1); then
  fail "npy: dtr could not load and save the numpy files:"; sed 's/^/      /' "$tmp/npy/dtr.log"
fi
"$py" - "$tmp/npy" <<'PY' || failures=$((failures + 1))
import sys
import numpy as np
d = sys.argv[1]
bad = 0
for line in open(f"{d}/cases.txt"):
    name, descr = line.split()
    src = np.load(f"{d}/{name}.npy")
    try:
        back = np.load(f"{d}/{name}.out.npy")
    except Exception as error:  # noqa: BLE001 - report any failure per case
        print(f"FAIL  npy: {name}: numpy cannot read dtr's file back: {error}")
        bad += 1
        continue
    want = src.astype(np.dtype(descr))
    problems = []
    if back.dtype.str != descr:
        problems.append(f"dtype {back.dtype.str}, expected {descr}")
    elif back.shape != src.shape:
        problems.append(f"shape {back.shape}, expected {src.shape}")
    # Exact: the same bits (so -0.0, NaN, subnormals and infinities must survive too).
    elif back.tobytes(order="C") != want.tobytes(order="C"):
        problems.append(f"{int(np.sum(back.view(np.uint8) != want.view(np.uint8)))} bytes differ")
    if problems:
        print(f"FAIL  npy: {name} ({src.dtype.str}, shape {src.shape}{', Fortran order' if np.isfortran(src) else ''}): " + "; ".join(problems))
        bad += 1
    else:
        print(f"PASS  npy: {name} ({src.dtype.str}, shape {src.shape}{', Fortran order' if np.isfortran(src) else ''}) -> dtr -> {descr}: identical")
sys.exit(1 if bad else 0)
PY

if [ "$failures" -ne 0 ]; then
  echo "check_interop: $failures check(s) failed"
  exit 1
fi
echo "check_interop: all checks passed"
