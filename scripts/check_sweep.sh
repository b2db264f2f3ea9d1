#!/usr/bin/env bash
# End-to-end checks of `dtr sweep` with the real binary (run by .ci/run after scripts/test.sh).
#
# Local: Tests/SweepTests/Fixtures/sweep-check.dtrnb over beta ∈ {0.1, 0.3} × alpha ∈ {1, 2, 3}
#   × 2 seeds with --jobs 2: all 12 points get a result.json with the right recorded values,
#   the one failing point is reported failed while the other 11 finish, --resume reruns
#   nothing, an edit of the notebook makes --resume rerun all 12, --table/--csv and the
#   load_sweep builtin show mean ± std over the seeds.
# Slurm, for real: installs Debian's slurm-wlm and munge when missing (apt-get), starts munged,
#   slurmctld and slurmd as a one-node cluster on localhost with 2 CPUs (config, key, state and
#   logs in a temporary folder; SLURM_CONF points at it; no cgroups, so it works in a
#   container), submits the same sweep with --slurm (one job array), waits, checks the results
#   equal the local run's, resubmits the failed task alone, then stops the daemons.
# Needs .build/debug/dtr (scripts/test.sh builds it) and python3 (standard library only).
# DTR_SLURM_PORT (default 16817; slurmd uses the next port) moves the daemons' ports.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
dtr="$root/.build/debug/dtr"
if [ ! -x "$dtr" ]; then
  echo "check_sweep: $dtr is missing: run scripts/test.sh (or swift build) first" >&2
  exit 2
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dtr-sweep.XXXXXX")
chmod 755 "$tmp"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for f in "$tmp"/slurm/*.pid; do [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null || true; done
  sleep 1
  rm -rf "$tmp"
}
trap cleanup EXIT
failures=0
pass() { echo "PASS  $*"; }
fail() { echo "FAIL  $*"; failures=$((failures + 1)); }
show() { sed 's/^/      /' "$@"; }
started=$(date +%s)

mkdir "$tmp/nb"
cp Tests/SweepTests/Fixtures/sweep-check.dtrnb "$tmp/nb/"
nb="$tmp/nb/sweep-check.dtrnb"
grid=(--grid beta=0.1,0.3 --grid alpha=1,2,3 --seeds 2)

# check_results DIR: every point's result.json holds status and records as the notebook
# defines them (m = beta/2 + alpha + seed/100; the point beta=0.3, alpha=3, seed=1 fails).
check_results() {
  python3 - "$1" "$(sha256sum "$nb" | cut -d' ' -f1)" <<'PY'
import json, os, sys
d, want_hash = sys.argv[1], sys.argv[2]
sweep = json.load(open(os.path.join(d, "sweep.json")))
problems = []
if sweep["notebook_sha256"] != want_hash: problems.append("sweep.json hash %s != sha256sum %s" % (sweep["notebook_sha256"], want_hash))
if [a["name"] for a in sweep["grid"]] != ["beta", "alpha", "seed"]: problems.append("grid axes %s" % sweep["grid"])
if len(sweep["points"]) != 12: problems.append("%d points" % len(sweep["points"]))
ok = failed = 0
for p in sweep["points"]:
    f = os.path.join(d, p["folder"], "result.json")
    if not os.path.exists(f): problems.append("no " + f); continue
    r = json.load(open(f))
    b, a, s = float(p["params"]["beta"]), float(p["params"]["alpha"]), float(p["params"]["seed"])
    if r["params"] != p["params"]: problems.append("%s: params %s" % (p["folder"], r["params"]))
    if r["notebook_sha256"] != want_hash: problems.append("%s: hash" % p["folder"])
    if not os.path.exists(os.path.join(d, p["folder"], "sweep-check.dtrnb")): problems.append("%s: no executed notebook" % p["folder"])
    if (b, a, s) == (0.3, 3.0, 1.0):
        failed += 1
        if r["status"] != "failed" or r["exit_status"] != 1: problems.append("%s: status %s" % (p["folder"], r["status"]))
        continue
    ok += 1
    if r["status"] != "ok": problems.append("%s: status %s (%s)" % (p["folder"], r["status"], r.get("message"))); continue
    m, curve = r["records"].get("m"), r["records"].get("curve")
    if m is None or abs(m - (b / 2 + a + s / 100)) > 1e-12: problems.append("%s: m = %s" % (p["folder"], m))
    if curve != [a, b]: problems.append("%s: curve = %s" % (p["folder"], curve))
print("%d ok, %d failed, every recorded value right" % (ok, failed) if not problems else "\n".join(problems))
sys.exit(1 if problems else 0)
PY
}

# stamps DIR: each result.json's modification time, one line per point.
stamps() { for f in "$1"/runs/*/result.json; do stat -c '%n %Y.%y' "$f"; done; }

# --- Local ----------------------------------------------------------------------------------
t0=$(date +%s.%N)
set +e
"$dtr" sweep "$nb" "${grid[@]}" --out "$tmp/local" --jobs 2 >"$tmp/local.log" 2>&1
code=$?
set -e
t1=$(date +%s.%N)
secs=$(python3 -c "print(round($t1 - $t0, 1))")
if [ $code -eq 1 ] && grep -q 'sweep: 11 ok, 1 failed' "$tmp/local.log" \
   && grep -q 'failed runs/0011  beta=0.3 alpha=3 seed=1' "$tmp/local.log"; then
  pass "local: 2x3x2 grid, --jobs 2: 11 ok, the failing point (beta=0.3 alpha=3 seed=1) reported failed, exit 1 (${secs} s)"
else
  fail "local: sweep exit $code, log:"; show "$tmp/local.log"
fi
if out=$(check_results "$tmp/local"); then pass "local: result.json of all 12 points: $out"; else fail "local results:"; echo "$out" | show; fi

"$dtr" sweep "$tmp/local" --status >"$tmp/status.txt" 2>&1 || true
if grep -q '^12 points: 11 ok, 1 failed' "$tmp/status.txt"; then pass "local: --status: $(head -1 "$tmp/status.txt")"; else fail "local --status:"; show "$tmp/status.txt"; fi

stamps "$tmp/local" >"$tmp/before.txt"
sleep 1
set +e
"$dtr" sweep "$nb" "${grid[@]}" --out "$tmp/local" --jobs 2 --resume >"$tmp/resume.log" 2>&1
code=$?
set -e
stamps "$tmp/local" >"$tmp/after.txt"
if [ $code -eq 0 ] && grep -q '12 already have results, 0 to run' "$tmp/resume.log" && cmp -s "$tmp/before.txt" "$tmp/after.txt"; then
  pass "local: --resume reran nothing (12 results kept, untouched)"
else
  fail "local: --resume (exit $code):"; show "$tmp/resume.log"; diff "$tmp/before.txt" "$tmp/after.txt" | show || true
fi

printf '\nAn edit after the first sweep.\n' >>"$nb"
set +e
"$dtr" sweep "$nb" "${grid[@]}" --out "$tmp/local" --jobs 2 --resume >"$tmp/edit.log" 2>&1
code=$?
set -e
stamps "$tmp/local" >"$tmp/edited.txt"
changed=$(diff "$tmp/after.txt" "$tmp/edited.txt" | grep -c '^>' || true)
if [ $code -eq 1 ] && grep -q '0 already have results, 12 to run' "$tmp/edit.log" && [ "$changed" = 12 ] \
   && out=$(check_results "$tmp/local"); then
  pass "local: after a notebook edit, --resume reran all 12 points ($out, new hash)"
else
  fail "local: --resume after an edit (exit $code, $changed results rewritten):"; show "$tmp/edit.log"
fi

"$dtr" sweep "$tmp/local" --table >"$tmp/table.txt"
"$dtr" sweep "$tmp/local" --csv "$tmp/local.csv"
if python3 - "$tmp/table.txt" "$tmp/local.csv" <<'PY'
import csv, sys
table = open(sys.argv[1]).read().splitlines()
assert table[0].split() == ["beta", "alpha", "ok/seeds", "curve", "m"], table[0]
assert table[6].startswith("0.3   3      1/2 (1 failed)"), table[6]
assert "1.05 ± 0.007071" in table[1] or "1.055 ± 0.007071" in table[1], table[1]
rows = list(csv.DictReader(open(sys.argv[2])))
assert len(rows) == 6, rows
for r in rows:
    b, a = float(r["beta"]), float(r["alpha"])
    want = b / 2 + a + (0.005 if r["ok"] == "2" else 0)
    assert abs(float(r["m"]) - want) < 1e-12, (r, want)
    if r["ok"] == "2":
        assert abs(float(r["m_std"]) - 0.01 / 2 ** 0.5) < 1e-12, r
    else:
        assert r["failed"] == "1" and r["m_std"] == "", r
PY
then pass "local: --table shows mean ± std over the seeds, --csv holds exact means and sample stds"
else fail "local: table or csv:"; show "$tmp/table.txt" "$tmp/local.csv"; fi

cat >"$tmp/plot.dtrnb" <<'EOF2'
```dtr
t = load_sweep("local")
print(t.beta, t.alpha, t.ok, t.failed)
print(str(t.m, digits: 6))
```
EOF2
if "$dtr" run "$tmp/plot.dtrnb" >"$tmp/plot.log" 2>&1 \
   && grep -qx '\[0.1 0.1 0.1 0.3 0.3 0.3\] \[1 2 3 1 2 3\] \[2 2 2 2 2 1\] \[0 0 0 0 0 1\]' "$tmp/plot.log" \
   && grep -qx '\[1.055 2.055 3.055 1.155 2.155 3.15\]' "$tmp/plot.log"; then
  pass "local: load_sweep(\"local\") gives the table to a notebook"
else
  fail "local: load_sweep:"; show "$tmp/plot.log"
fi

# --- Slurm ----------------------------------------------------------------------------------
if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
  echo "check_sweep: installing slurm-wlm and munge" >&2
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq slurm-wlm munge >/dev/null
fi
s="$tmp/slurm"
mkdir -p "$s/state" "$s/spool"
[ -f "$s/munge.key" ] || { dd if=/dev/urandom of="$s/munge.key" bs=1024 count=1 status=none; chmod 400 "$s/munge.key"; }
munged --force --key-file="$s/munge.key" --socket="$s/munge.socket" --pid-file="$s/munged.pid" \
  --log-file="$s/munged.log" --seed-file="$s/munged.seed"
node=$(hostname -s)
port=${DTR_SLURM_PORT:-16817}
cat >"$s/slurm.conf" <<EOF2
# A one-node Slurm cluster on localhost for scripts/check_sweep.sh (no cgroups: works in a container).
ClusterName=dtrcheck
SlurmctldHost=$node(127.0.0.1)
SlurmUser=root
SlurmdUser=root
SlurmctldPort=$port
SlurmdPort=$((port + 1))
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$s/munge.socket
StateSaveLocation=$s/state
SlurmdSpoolDir=$s/spool
SlurmctldPidFile=$s/slurmctld.pid
SlurmdPidFile=$s/slurmd.pid
SlurmctldLogFile=$s/slurmctld.log
SlurmdLogFile=$s/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
ReturnToService=2
MaxArraySize=1001
NodeName=$node NodeAddr=127.0.0.1 CPUs=2 RealMemory=1000 State=UNKNOWN
PartitionName=check Nodes=$node Default=YES MaxTime=INFINITE State=UP
EOF2
export SLURM_CONF="$s/slurm.conf"
slurmctld -c
slurmd -c
ready=0
for _ in $(seq 1 60); do
  if sinfo -h -o '%T' 2>/dev/null | grep -qx 'idle'; then ready=1; break; fi
  sleep 1
done
if [ $ready = 1 ]; then
  pass "slurm: munged, slurmctld and slurmd run a one-node cluster ($(sinfo -h -o '%P %D node, %c CPUs, %T'), $(sinfo -V))"
else
  fail "slurm: the node did not become idle:"; sinfo 2>&1 | show; tail -20 "$s/slurmctld.log" "$s/slurmd.log" | show
fi

t0=$(date +%s.%N)
set +e
"$dtr" sweep "$nb" "${grid[@]}" --out "$tmp/cluster" --slurm --jobs 2 --time 5 >"$tmp/cluster.log" 2>&1
code=$?
"$dtr" sweep "$tmp/cluster" --status >"$tmp/cstatus.txt" 2>&1
"$dtr" sweep "$tmp/cluster" --status --wait >>"$tmp/cluster.log" 2>&1
waited=$?
set -e
t1=$(date +%s.%N)
secs=$(python3 -c "print(round($t1 - $t0, 1))")
if [ $code -eq 0 ] && grep -q 'submitted job array [0-9]* (12 tasks, --array=0-11%2)' "$tmp/cluster.log" \
   && grep -Eq '^12 points: .*[0-9]+ (queued|running)' "$tmp/cstatus.txt"; then
  pass "slurm: one job array (--array=0-11%2) submitted; --status right after: $(head -1 "$tmp/cstatus.txt")"
else
  fail "slurm: submission (exit $code):"; show "$tmp/cluster.log" "$tmp/cstatus.txt"
fi
if [ $waited -eq 1 ] && grep -q '^12 points: 11 ok, 1 failed' "$tmp/cluster.log"; then
  pass "slurm: --status --wait: 11 ok, 1 failed, exit 1 (${secs} s from submission)"
else
  fail "slurm: --status --wait exit $waited:"; show "$tmp/cluster.log"; tail -20 "$s/slurmctld.log" | show
fi
if out=$(check_results "$tmp/cluster"); then pass "slurm: result.json of all 12 points: $out"; else fail "slurm results:"; echo "$out" | show; fi
if python3 - "$tmp/local" "$tmp/cluster" <<'PY'
import json, os, sys
a, b = sys.argv[1], sys.argv[2]
pa = json.load(open(os.path.join(a, "sweep.json")))["points"]
pb = json.load(open(os.path.join(b, "sweep.json")))["points"]
assert [p["params"] for p in pa] == [p["params"] for p in pb]
for x, y in zip(pa, pb):
    ra = json.load(open(os.path.join(a, x["folder"], "result.json")))
    rb = json.load(open(os.path.join(b, y["folder"], "result.json")))
    for k in ("params", "status", "exit_status", "records", "notebook_sha256"):
        assert ra[k] == rb[k], (x["folder"], k, ra[k], rb[k])
PY
then pass "slurm: every point's params, status, exit status, records and hash equal the local run's"
else fail "slurm: results differ from the local run"; fi
if grep -q 'dtr run' "$tmp/cluster/runs/0000/log.txt" 2>/dev/null || grep -q 'params: beta = 0.1' "$tmp/cluster/runs/0000/log.txt"; then
  pass "slurm: each task's output is in its run folder (runs/0000/log.txt)"
else
  fail "slurm: no task log in runs/0000/log.txt"; ls -la "$tmp/cluster/runs/0000" | show
fi

stamps "$tmp/cluster" >"$tmp/cbefore.txt"
sleep 1
set +e
"$dtr" sweep "$tmp/cluster" --resubmit --wait >"$tmp/resubmit.log" 2>&1
code=$?
set -e
stamps "$tmp/cluster" >"$tmp/cafter.txt"
changed=$(diff "$tmp/cbefore.txt" "$tmp/cafter.txt" | grep '^>' || true)
if [ $code -eq 1 ] && grep -q '1 of 12 points to run again' "$tmp/resubmit.log" \
   && grep -q 'submitted job array [0-9]* (1 tasks, --array=11%2)' "$tmp/resubmit.log" \
   && [ "$(echo "$changed" | grep -c result.json)" = 1 ] && echo "$changed" | grep -q 'runs/0011/result.json'; then
  pass "slurm: --resubmit submitted the failed task alone (--array=11%2); only runs/0011 ran again"
else
  fail "slurm: --resubmit (exit $code):"; show "$tmp/resubmit.log"; echo "$changed" | show
fi

# A task that outlives the sweep's --timeout is stopped on the node and recorded as timeout.
cat >"$tmp/nb/slow.dtrnb" <<'EOF2'
---
params:
  n: 1
---
```dtr
total = 0
for i in 0..<1000000000 { total = total + i }
```
EOF2
set +e
"$dtr" sweep "$tmp/nb/slow.dtrnb" --grid n=1,2 --out "$tmp/cluster-timeout" --slurm --timeout 2 --wait >"$tmp/ctimeout.log" 2>&1
code=$?
set -e
if [ $code -eq 1 ] && grep -q '^2 points: 2 timeout' "$tmp/ctimeout.log" \
   && grep -q '"status": "timeout"' "$tmp/cluster-timeout/runs/0001/result.json"; then
  pass "slurm: --timeout 2 stopped both tasks of a slow notebook, recorded as timeout"
else
  fail "slurm: --timeout (exit $code):"; show "$tmp/ctimeout.log"
fi

echo "check_sweep: $failures failure(s) in $(( $(date +%s) - started )) s"
exit $((failures > 0))
