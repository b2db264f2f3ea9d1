#!/usr/bin/env python3
"""Peer of suite "repl": time from launching `/usr/bin/python3 -q` on a pseudo-terminal
to its first `>>> ` prompt, measured like dtr-bench's repl/first_prompt (fork a pty, exec,
read until the prompt, kill), with the same environment and the same repetition rule."""
import json, os, select, signal, tempfile, time

HOME = tempfile.mkdtemp(prefix="dtr-bench-home-")
ENV = {"HOME": HOME, "TERM": "xterm-256color", "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"}


def first_prompt(argv, prompt, timeout=20.0):
    pid, fd = os.forkpty()
    if pid == 0:
        try:
            os.execve(argv[0], argv, ENV)
        finally:
            os._exit(127)
    seen = b""
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.1)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            if prompt in seen:
                return
        raise RuntimeError(f"no prompt from {argv}: {seen!r}")
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)


def measure(run, budget=1.0, min_reps=5, max_reps=1000):
    """The same rule as bench/Sources/dtr-bench/Harness.swift: one warm-up, then repeat."""
    run()
    times = []
    start = time.perf_counter()
    while len(times) < min_reps or (len(times) < max_reps and time.perf_counter() - start < budget):
        t0 = time.perf_counter()
        run()
        times.append(time.perf_counter() - t0)
    times.sort()
    return times[len(times) // 2], len(times)


median, reps = measure(lambda: first_prompt(["/usr/bin/python3", "-q"], b">>> "))
print(json.dumps({"suite": "repl", "name": "first_prompt", "median_s": median, "reps": reps}))
