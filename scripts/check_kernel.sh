#!/usr/bin/env bash
# The Jupyter kernel against real Jupyter clients (run by .ci/run after scripts/test.sh):
#   1. jupyter_kernel_test's conformance suite against `dtr kernel`, plus interrupts (message
#      and SIGINT, within 200 ms), silent cells, restart, parent death and bad input
#      (scripts/kernel/test_dtr_kernel.py);
#   2. every notebooks/*.dtrnb exported to .ipynb (outputs from `dtr run`), executed again by
#      nbclient with the dtr kernel: the same text, PNGs and errors;
#   3. export -> import gives back every notebook (and its NAME.files/) byte for byte.
# Python: $DTR_VENV if set (a venv with jupyter_client, nbclient, nbformat, jupyter_kernel_test),
# else .ci-venv/kernel (created, and the packages installed, when missing; git-ignored).
# Needs .build/debug/dtr (scripts/test.sh builds it), or $DTR_BIN. Exit 1 on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
dtr="${DTR_BIN:-$root/.build/debug/dtr}"
if [ ! -x "$dtr" ]; then
  echo "check_kernel: $dtr is missing: run scripts/test.sh (or swift build) first" >&2
  exit 2
fi
dtr=$(cd "$(dirname "$dtr")" && pwd)/$(basename "$dtr")

venv="${DTR_VENV:-$root/.ci-venv/kernel}"
packages=(jupyter_client nbclient nbformat jupyter_kernel_test)
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv" 2>/dev/null || {
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    $SUDO apt-get install -y -qq python3-venv >/dev/null
    python3 -m venv "$venv"
  }
fi
if ! "$venv/bin/python" -c 'import jupyter_client, nbclient, nbformat, jupyter_kernel_test' 2>/dev/null; then
  "$venv/bin/python" -m pip install -q --disable-pip-version-check "${packages[@]}"
fi
py="$venv/bin/python"
echo "check_kernel: $("$py" -c 'import sys, jupyter_client, nbclient, jupyter_kernel_test as j; print("python", sys.version.split()[0], "jupyter_client", jupyter_client.__version__, "nbclient", nbclient.__version__, "jupyter_kernel_test", j.__version__)')"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/dtr-kernel.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
failures=0
pass() { echo "PASS  $*"; }
fail() { echo "FAIL  $*"; failures=$((failures + 1)); }

# The kernelspec, installed into a private prefix that only this check searches.
"$dtr" kernel install --prefix "$tmp/jupyter" --name dtr >/dev/null
export JUPYTER_PATH="$tmp/jupyter/share/jupyter" JUPYTER_DATA_DIR="$tmp/data" JUPYTER_RUNTIME_DIR="$tmp/runtime"
export DTR="$dtr"

# --- 1. conformance suite and protocol behaviour -----------------------------------------------
if "$py" -m unittest -v scripts/kernel/test_dtr_kernel.py >"$tmp/unittest.log" 2>&1; then
  ran=$(sed -n 's/^Ran \([0-9]*\) tests.*/\1/p' "$tmp/unittest.log")
  skipped=$(grep -c ' \.\.\. skipped' "$tmp/unittest.log" || true)
  pass "kernel: scripts/kernel/test_dtr_kernel.py: $((ran - skipped)) of $ran tests passed, $skipped skipped (not applicable to dtr: stderr, pager, clear_output)"
  grep -E '^test_|reply after' "$tmp/unittest.log" | sed 's/^/      /'
else
  fail "kernel: scripts/kernel/test_dtr_kernel.py:"; sed 's/^/      /' "$tmp/unittest.log"
fi

# --- 2 and 3. every shipped notebook: nbclient vs dtr run, and export -> import ---------------
for nb in notebooks/*.dtrnb; do
  name=$(basename "$nb" .dtrnb)
  if ! (cd notebooks && "$dtr" export "$name.dtrnb" --to ipynb -o "$tmp/$name.ipynb" >"$tmp/$name.export.log" 2>&1); then
    fail "$name: dtr export --to ipynb failed:"; sed 's/^/      /' "$tmp/$name.export.log"
    continue
  fi
  "$py" scripts/kernel/compare_notebooks.py "$tmp/$name.ipynb" "$root/notebooks" || failures=$((failures + 1))
  mkdir -p "$tmp/import"
  if ! "$dtr" import "$tmp/$name.ipynb" -o "$tmp/import/$name.dtrnb" >"$tmp/$name.import.log" 2>&1; then
    fail "$name: dtr import failed:"; sed 's/^/      /' "$tmp/$name.import.log"
  elif ! cmp -s "$nb" "$tmp/import/$name.dtrnb"; then
    fail "$name: export -> import changed the notebook:"; diff "$nb" "$tmp/import/$name.dtrnb" | head -20 | sed 's/^/      /'
  elif [ -d "notebooks/$name.files" ] && ! diff -r "notebooks/$name.files" "$tmp/import/$name.files" >"$tmp/$name.diff" 2>&1; then
    fail "$name: export -> import changed the images:"; sed 's/^/      /' "$tmp/$name.diff"
  else
    images=$(ls "$tmp/import/$name.files" 2>/dev/null | wc -l)
    pass "round trip: $name.dtrnb -> ipynb -> dtrnb: $(wc -c <"$nb") bytes and $images images identical"
  fi
done

if [ "$failures" -ne 0 ]; then
  echo "check_kernel: $failures check(s) failed"
  exit 1
fi
echo "check_kernel: all checks passed"
