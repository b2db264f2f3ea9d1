"""The dtr Jupyter kernel under the Jupyter project's own conformance suite
(jupyter_kernel_test), plus what that suite does not cover: interrupts by message and by
SIGINT, silent cells, restart, parent death and bad input.

Run by scripts/check_kernel.sh with JUPYTER_PATH pointing at a kernelspec named `dtr`
(written by `dtr kernel install --prefix`), and DTR pointing at the dtr binary.
"""
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import uuid

import jupyter_kernel_test as jkt
import zmq
from jupyter_client.manager import start_new_kernel
from jupyter_client.session import Session

TIMEOUT = 30


class DtrKernelConformance(jkt.KernelTests):
    """jupyter_kernel_test's KernelTests, filled in for dtr. Not applicable (no such thing
    in dtr, so the samples stay empty and the suite skips them): stderr output, pager
    payloads and clear_output; iopub_welcome is protocol 5.4."""

    kernel_name = "dtr"
    language_name = "dtr"
    file_extension = ".dtr"

    code_hello_world = 'print("hello, world")'
    completion_samples = [{"text": "linsp", "matches": {"linspace"}}, {"text": "x = heatm", "matches": {"heatmap"}}]
    complete_code_samples = ["1 + 1", "x = [1, 2]", "fn double(x) {\n    x * 2\n}", "print(\"(\")"]
    incomplete_code_samples = ["fn double(x) {", "[1, 2,", "f(1,\n  2", "# what comes next"]
    invalid_code_samples = ["x = = 1", "1 +* 2", "[1, 2))"]
    code_generate_error = "undefined_name + 1"
    code_execute_result = [{"code": "1 + 1", "result": "2"}, {"code": "6 * 7", "result": "42"}]
    code_display_data = [{"code": "plot([1, 4, 9, 16])", "mime": "image/png"},
                         {"code": "heatmap(route(\"dtr\", 16, 8))", "mime": "text/plain"}]
    code_history_pattern = "6*7"
    supported_history_operations = ("tail", "range", "search")
    code_inspect_sample = "linspace"


def drain_until_idle(kc, msg_id, timeout=TIMEOUT):
    """IOPub messages for msg_id up to its idle status."""
    out = []
    deadline = time.time() + timeout
    while time.time() < deadline:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return out
        out.append(msg)
    raise AssertionError("no idle status")


class DtrKernelBehaviour(unittest.TestCase):
    """Interrupts, silent cells, counts, completion of record fields, restart."""

    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = start_new_kernel(kernel_name="dtr")

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel()

    def run_cell(self, code, **kwargs):
        msg_id = self.kc.execute(code, **kwargs)
        reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        return reply, drain_until_idle(self.kc, msg_id)

    def interrupt_running_loop(self, interrupt):
        """Starts an endless loop, interrupts it after 0.5 s; returns seconds to the reply."""
        self.run_cell("kept = 41")
        msg_id = self.kc.execute("i = 0\nwhile true { i = i + 1 }")
        time.sleep(0.5)
        start = time.perf_counter()
        interrupt()
        reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        elapsed = time.perf_counter() - start
        outputs = drain_until_idle(self.kc, msg_id)
        self.assertEqual(reply["content"]["status"], "error")
        self.assertEqual(reply["content"]["ename"], "KeyboardInterrupt")
        self.assertTrue(any(m["msg_type"] == "error" for m in outputs))
        after, out = self.run_cell("kept + 1")
        self.assertEqual(after["content"]["status"], "ok")
        self.assertEqual([m["content"]["data"]["text/plain"] for m in out if m["msg_type"] == "execute_result"], ["42"])
        _, out = self.run_cell("i > 0")
        self.assertEqual([m["content"]["data"]["text/plain"] for m in out if m["msg_type"] == "execute_result"], ["true"])
        return elapsed

    def test_interrupt_request_on_control_stops_a_cell_within_200ms(self):
        self.assertEqual(self.km.kernel_spec.interrupt_mode, "message")
        elapsed = self.interrupt_running_loop(self.km.interrupt_kernel)
        print(f"\n    interrupt_request: reply after {elapsed * 1000:.1f} ms", file=sys.stderr)
        self.assertLess(elapsed, 0.2)

    def test_sigint_stops_a_cell_within_200ms(self):
        pid = self.km.provisioner.pid
        elapsed = self.interrupt_running_loop(lambda: os.kill(pid, signal.SIGINT))
        print(f"\n    SIGINT: reply after {elapsed * 1000:.1f} ms", file=sys.stderr)
        self.assertLess(elapsed, 0.2)

    def test_silent_cells_publish_nothing_and_do_not_count(self):
        first, _ = self.run_cell("1")
        reply, outputs = self.run_cell('print("quiet"); 5', silent=True)
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertEqual([m["content"] for m in outputs], [{"execution_state": "busy"}])
        after, _ = self.run_cell("2")
        self.assertEqual(after["content"]["execution_count"], first["content"]["execution_count"] + 1)

    def test_store_history_false_keeps_the_count(self):
        first, _ = self.run_cell("1")
        second, outputs = self.run_cell("3", store_history=False)
        self.assertEqual(second["content"]["execution_count"], first["content"]["execution_count"])
        self.assertEqual([m["msg_type"] for m in outputs if m["msg_type"] != "status"], ["execute_input", "execute_result"])

    def test_plots_are_png_with_terminal_text(self):
        _, outputs = self.run_cell("plot([1, 4, 9, 16])")
        displays = [m for m in outputs if m["msg_type"] == "display_data"]
        self.assertEqual(len(displays), 1)
        data = displays[0]["content"]["data"]
        import base64
        self.assertTrue(base64.b64decode(data["image/png"]).startswith(b"\x89PNG\r\n\x1a\n"))
        self.assertGreater(len(data["text/plain"].splitlines()), 3)

    def test_errors_carry_the_diagnostic_lines(self):
        reply, outputs = self.run_cell("linspace(0, 1)")
        errors = [m["content"] for m in outputs if m["msg_type"] == "error"]
        self.assertEqual(len(errors), 1)
        self.assertEqual(reply["content"]["status"], "error")
        self.assertEqual(errors[0]["ename"], "Error")
        self.assertTrue(errors[0]["traceback"][0].startswith("error: "))
        self.assertIn(errors[0]["evalue"], errors[0]["traceback"][0])

    def test_record_fields_complete(self):
        self.run_cell("cfg = {alpha: 1, beta: 2}")
        msg_id = self.kc.complete("cfg.al")
        reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        self.assertEqual(reply["parent_header"]["msg_id"], msg_id)
        self.assertEqual(reply["content"]["matches"], ["alpha"])
        self.assertEqual((reply["content"]["cursor_start"], reply["content"]["cursor_end"]), (4, 6))

    def test_is_complete_gives_an_indent(self):
        self.kc.is_complete("fn f(x) {")
        reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        self.assertEqual(reply["content"], {"status": "incomplete", "indent": "    "})

    def test_comm_info_lists_no_comms(self):
        self.kc.comm_info()
        reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        self.assertEqual(reply["content"], {"status": "ok", "comms": {}})

    def test_zz_restart_gives_a_fresh_session(self):
        self.run_cell("before_restart = 1")
        self.km.restart_kernel(now=False)
        self.kc.wait_for_ready(timeout=TIMEOUT)
        reply, outputs = self.run_cell("before_restart")
        self.assertEqual(reply["content"]["status"], "error")
        self.assertEqual(reply["content"]["execution_count"], 1)


def free_ports(n):
    socks = [socket.socket() for _ in range(n)]
    for s in socks:
        s.bind(("127.0.0.1", 0))
    ports = [s.getsockname()[1] for s in socks]
    for s in socks:
        s.close()
    return ports


class DtrKernelRawWire(unittest.TestCase):
    """Talks ZeroMQ directly: unsigned, malformed and wrongly signed messages are dropped
    (and logged), the kernel keeps answering, and it exits when its parent dies."""

    def start(self, parent_shell=False):
        self.dir = tempfile.mkdtemp()
        shell, iopub, stdin, control, hb = free_ports(5)
        self.key = uuid.uuid4().hex
        self.conn = dict(shell_port=shell, iopub_port=iopub, stdin_port=stdin, control_port=control, hb_port=hb,
                         ip="127.0.0.1", key=self.key, transport="tcp", signature_scheme="hmac-sha256", kernel_name="dtr")
        path = os.path.join(self.dir, "kernel.json")
        with open(path, "w") as f:
            json.dump(self.conn, f)
        self.log = open(os.path.join(self.dir, "stderr.log"), "w+")
        dtr = os.environ["DTR"]
        if parent_shell:
            # A parent that dies: sh starts the kernel in the background and waits.
            self.proc = subprocess.Popen(["sh", "-c", f'"{dtr}" kernel -f "{path}" & echo $! ; wait'],
                                         stdout=subprocess.PIPE, stderr=self.log, text=True)
            self.kernel_pid = int(self.proc.stdout.readline())
        else:
            self.proc = subprocess.Popen([dtr, "kernel", "-f", path], stderr=self.log)
            self.kernel_pid = self.proc.pid
        self.ctx = zmq.Context()
        self.shell = self.ctx.socket(zmq.DEALER)
        self.shell.connect(f"tcp://127.0.0.1:{shell}")
        self.session = Session(key=self.key.encode(), signature_scheme="hmac-sha256")

    def tearDown(self):
        self.shell.close(linger=0)
        self.ctx.term()
        for pid in {self.proc.pid, self.kernel_pid}:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.proc.wait()
        if self.proc.stdout:
            self.proc.stdout.close()
        self.log.close()

    def kernel_info(self, session=None):
        (session or self.session).send(self.shell, "kernel_info_request", {})
        if self.shell.poll(5000):
            return self.session.recv(self.shell, mode=0)[1]
        return None

    def logged(self):
        self.log.flush()
        self.log.seek(0)
        return self.log.read()

    def test_bad_messages_are_dropped_and_logged(self):
        self.start()
        self.assertEqual(self.kernel_info()["msg_type"], "kernel_info_reply")
        header = json.dumps({"msg_id": "1", "msg_type": "kernel_info_request", "session": "s", "username": "u",
                             "date": "2026-01-01T00:00:00Z", "version": "5.3"}).encode()
        bad = [
            [b"no delimiter at all"],
            [b"<IDS|MSG>", b"", header, b"{}", b"{}", b"{}"],                      # unsigned
            [b"<IDS|MSG>", b"0" * 64, header, b"{}", b"{}", b"{}"],                # bad signature
            [b"<IDS|MSG>", b"sig"],                                                # too few frames
            [b"<IDS|MSG>", b"", b"\xff\xfe", b"{", b"[]", b"null"],
        ]
        for frames in bad:
            self.shell.send_multipart(frames)
        self.assertFalse(self.shell.poll(500), "a bad message was answered")
        wrong_key = Session(key=b"not-the-key", signature_scheme="hmac-sha256")
        self.assertIsNone(self.kernel_info(session=wrong_key), "a message signed with a wrong key was answered")
        self.assertEqual(self.kernel_info()["msg_type"], "kernel_info_reply", "the kernel stopped answering")
        log = self.logged()
        self.assertIn("unsigned message", log)
        self.assertIn("bad HMAC signature", log)
        self.assertIn("no <IDS|MSG> delimiter", log)
        self.assertIn("only 1 frames after the delimiter", log)
        self.assertIsNone(self.proc.poll())

    def test_kernel_exits_when_its_parent_dies(self):
        self.start(parent_shell=True)
        self.assertEqual(self.kernel_info()["msg_type"], "kernel_info_reply")
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait()
        deadline = time.time() + 5
        while time.time() < deadline:
            try:
                os.kill(self.kernel_pid, 0)
                with open(f"/proc/{self.kernel_pid}/stat") as f:
                    if f.read().split(") ")[1].startswith("Z"):
                        break  # exited; a zombie waiting for init
            except (ProcessLookupError, FileNotFoundError):
                break
            time.sleep(0.1)
        else:
            self.fail("the kernel outlived its parent by 5 s")


if __name__ == "__main__":
    unittest.main(verbosity=2)
