"""Round-trip latency of `execute_request` for `1 + 1`, from the client's send to the
kernel's idle status, for the dtr kernel and for ipykernel (the peer), with the same
jupyter_client. Writes JSON lines in compare.py's format: suite "kernel", workload
"execute 1 + 1 (to idle)", to OUT/dtr.jsonl and OUT/peer.jsonl (one line per round).

Usage: kernel_latency.py OUT_DIR [ROUNDS]  (needs the kernelspecs `dtr` and `python3`)
"""
import json
import statistics
import sys
import time

from jupyter_client.manager import start_new_kernel

REPS = 200


def one_round(kc):
    times = []
    for i in range(REPS + 10):
        t0 = time.perf_counter()
        msg_id = kc.execute("1 + 1")
        while True:
            msg = kc.get_iopub_msg(timeout=10)
            if (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status"
                    and msg["content"]["execution_state"] == "idle"):
                break
        kc.get_shell_msg(timeout=10)
        if i >= 10:  # warm-up
            times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main(out, rounds):
    kernels = {"dtr": "dtr", "peer": "python3"}
    clients = {side: start_new_kernel(kernel_name=name) for side, name in kernels.items()}
    files = {side: open(f"{out}/kernel-{side}.jsonl", "w") for side in kernels}
    try:
        for _ in range(rounds):
            for side, (_, kc) in clients.items():  # alternate sides, so a slow spell hits both
                median = one_round(kc)
                row = {"suite": "kernel", "name": "execute 1 + 1 (to idle)", "median_s": median, "reps": REPS}
                files[side].write(json.dumps(row) + "\n")
                print(side, json.dumps(row), file=sys.stderr)
    finally:
        for km, kc in clients.values():
            kc.stop_channels()
            km.shutdown_kernel(now=True)
        for f in files.values():
            f.close()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 3)
