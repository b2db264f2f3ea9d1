import CZMQ
import Foundation
import Language
import Tensor
#if canImport(Glibc)
import Glibc
#endif

/// `dtr kernel -f FILE`: a Jupyter kernel (messaging protocol 5.3) serving one dtr session.
///
/// Threads: the caller's thread owns the shell socket and the session (cells run there, one
/// at a time); one thread serves control (interrupt, shutdown, kernel_info) so an interrupt
/// reaches a busy kernel; one echoes heartbeats and watches the parent process. IOPub is
/// shared under a lock. A message that is malformed or wrongly signed is logged to standard
/// error and dropped; it never stops the kernel.
public final class KernelServer: @unchecked Sendable {
    /// What `kernel_info_reply` says about the implementation.
    public struct Info: Sendable {
        /// The dtr version (`0.1.0`).
        public var version: String
        /// Creates the info.
        public init(version: String) { self.version = version }
    }

    private let connection: ConnectionInfo
    private let info: Info
    private let factory: MessageFactory
    private let context: ZMQContext
    private let shell, control, iopub, stdin, heartbeat: ZMQSocket
    private let iopubLock = NSLock()
    private let session = KernelSession()
    private let log: (String) -> Void

    /// Binds the five sockets of `connection`. `log` receives one line per problem.
    public init(connection: ConnectionInfo, info: Info, log: @escaping (String) -> Void) throws(KernelError) {
        self.connection = connection
        self.info = info
        self.log = log
        factory = MessageFactory(signer: connection.signer)
        context = try ZMQContext()
        shell = try ZMQSocket(context, type: ZMQ_ROUTER)
        control = try ZMQSocket(context, type: ZMQ_ROUTER)
        iopub = try ZMQSocket(context, type: ZMQ_PUB)
        stdin = try ZMQSocket(context, type: ZMQ_ROUTER)
        heartbeat = try ZMQSocket(context, type: ZMQ_REP)
        try shell.bind(connection.endpoint(connection.shellPort))
        try control.bind(connection.endpoint(connection.controlPort))
        try iopub.bind(connection.endpoint(connection.iopubPort))
        try stdin.bind(connection.endpoint(connection.stdinPort))
        try heartbeat.bind(connection.endpoint(connection.heartbeatPort))
    }

    /// Serves until a `shutdown_request` or the parent's death ends the process.
    public func run() -> Never {
        Interrupts.installHandler()  // SIGINT stops the running cell, as interrupt_request does
        let watch = ParentWatch()
        Thread.detachNewThread { [self] in serveHeartbeat(watch: watch) }
        Thread.detachNewThread { [self] in serveControl() }
        publish("status", ["execution_state": "starting"], parent: nil)
        while true {
            guard let frames = shell.receive() else {
                log("dtr kernel: the shell socket closed; exiting")
                _exit(0)
            }
            guard let message = parse(frames, socket: "shell") else { continue }
            handle(message, on: shell)
        }
    }

    private func parse(_ frames: [[UInt8]], socket: String) -> KernelMessage? {
        do {
            return try KernelMessage(frames: frames, signer: factory.signer)
        } catch {
            log("dtr kernel: ignored a message on \(socket): \(error)")
            return nil
        }
    }

    // MARK: - Sending

    private func reply(_ type: String, _ content: JSONObject, to request: KernelMessage, on socket: ZMQSocket) {
        socket.send(factory.frames(type, content, parent: request, identities: request.wire.identities))
    }

    private func publish(_ type: String, _ content: JSONObject, parent: KernelMessage?) {
        let frames = factory.frames(type, content, parent: parent, identities: [Array("kernel.\(factory.session).\(type)".utf8)])
        iopubLock.lock()
        iopub.send(frames)
        iopubLock.unlock()
    }

    private func status(_ state: String, parent: KernelMessage) {
        publish("status", ["execution_state": state], parent: parent)
    }

    // MARK: - Shell

    private func handle(_ message: KernelMessage, on socket: ZMQSocket) {
        status("busy", parent: message)
        defer { status("idle", parent: message) }
        switch message.type {
        case "kernel_info_request":
            reply("kernel_info_reply", kernelInfo, to: message, on: socket)
        case "execute_request":
            execute(message, on: socket)
        case "complete_request":
            let (matches, start, end) = session.complete(message.string("code"), cursor: message.int("cursor_pos") ?? 0)
            reply("complete_reply", ["status": "ok", "matches": matches, "cursor_start": start, "cursor_end": end,
                                     "metadata": JSONObject()], to: message, on: socket)
        case "inspect_request":
            let help = session.inspect(message.string("code"), cursor: message.int("cursor_pos") ?? 0)
            reply("inspect_reply", ["status": "ok", "found": help != nil,
                                    "data": help.map { ["text/plain": $0] } ?? JSONObject(),
                                    "metadata": JSONObject()], to: message, on: socket)
        case "is_complete_request":
            let (state, indent) = KernelSession.isComplete(message.string("code"))
            var content: JSONObject = ["status": state]
            if let indent { content["indent"] = indent }
            reply("is_complete_reply", content, to: message, on: socket)
        case "history_request":
            reply("history_reply", ["status": "ok", "history": history(message)], to: message, on: socket)
        case "comm_info_request":
            reply("comm_info_reply", ["status": "ok", "comms": JSONObject()], to: message, on: socket)
        case "shutdown_request":
            shutdown(message, on: socket)
        case "interrupt_request":
            Interrupt.request()
            reply("interrupt_reply", ["status": "ok"], to: message, on: socket)
        case "comm_open", "comm_msg", "comm_close":
            break  // no comms: ignored, as the protocol allows
        default:
            log("dtr kernel: ignored an unknown request \"\(message.type)\"")
        }
    }

    private var kernelInfo: JSONObject {
        [
            "status": "ok", "protocol_version": "5.3", "implementation": "dtr",
            "implementation_version": info.version,
            "language_info": ["name": "dtr", "version": info.version, "mimetype": "text/x-dtr",
                              "file_extension": ".dtr"] as JSONObject,
            "banner": "dtr \(info.version) — a literate scripting environment for diffusion models",
            "help_links": [JSONObject](), "debugger": false,
        ]
    }

    private func execute(_ message: KernelMessage, on socket: ZMQSocket) {
        let code = message.string("code")
        let silent = message.bool("silent", default: false)
        let storeHistory = silent ? false : message.bool("store_history", default: true)
        if !silent {
            publish("execute_input", ["code": code, "execution_count": session.executionCount + (storeHistory ? 1 : 0)],
                    parent: message)
        }
        let count = session.executionCount + (storeHistory ? 1 : 0)
        let outcome = session.execute(code, storeHistory: storeHistory, display: { [self] display in
            guard !silent else { return }
            switch display {
            case .result(let text):
                publish("execute_result", ["execution_count": count, "data": ["text/plain": text],
                                           "metadata": JSONObject()], parent: message)
            case .image(let png, let text):
                publish("display_data", ["data": ["image/png": Data(png).base64EncodedString(), "text/plain": text],
                                         "metadata": JSONObject(), "transient": JSONObject()], parent: message)
            case .error(let name, let value, let traceback):
                publish("error", ["ename": name, "evalue": value, "traceback": traceback], parent: message)
            }
        }, print: silent ? nil : { [self] text in
            publish("stream", ["name": "stdout", "text": text], parent: message)
        })
        var content: JSONObject = ["execution_count": outcome.count]
        if case .error(let name, let value, let traceback)? = outcome.error {
            content["status"] = "error"
            content["ename"] = name
            content["evalue"] = value
            content["traceback"] = traceback
        } else {
            content["status"] = "ok"
            content["user_expressions"] = JSONObject()
            content["payload"] = [JSONObject]()
        }
        reply("execute_reply", content, to: message, on: socket)
    }

    /// `history_request`: `tail` (the last n), `range` (lines start..<stop of this session)
    /// and `search` (a glob pattern; `unique`, the last n).
    private func history(_ message: KernelMessage) -> [Any] {
        let output = message.bool("output", default: false)
        var entries = session.history
        switch message.string("hist_access_type") {
        case "tail":
            if let n = message.int("n") { entries = Array(entries.suffix(max(n, 0))) }
        case "range":
            let start = message.int("start") ?? 0
            let stop = message.int("stop") ?? Int.max
            entries = entries.filter { $0.count >= start && $0.count < stop }
        case "search":
            let pattern = message.string("pattern")
            entries = entries.filter { Glob.matches(pattern, $0.code) }
            if message.bool("unique", default: false) {
                var seen: Set<String> = []
                entries = entries.reversed().filter { seen.insert($0.code).inserted }.reversed()
            }
            if let n = message.int("n") { entries = Array(entries.suffix(max(n, 0))) }
        default:
            entries = []
        }
        return entries.map { entry -> [Any] in
            let input: Any = output ? [entry.code, entry.output as Any? ?? NSNull()] as [Any] : entry.code
            return [1, entry.count, input]
        }
    }

    // MARK: - Control, heartbeat

    private func serveControl() {
        while true {
            guard let frames = control.receive() else { return }
            guard let message = parse(frames, socket: "control") else { continue }
            switch message.type {
            case "interrupt_request", "shutdown_request", "kernel_info_request":
                status("busy", parent: message)
                if message.type == "interrupt_request" {
                    Interrupt.request()
                    reply("interrupt_reply", ["status": "ok"], to: message, on: control)
                } else if message.type == "kernel_info_request" {
                    reply("kernel_info_reply", kernelInfo, to: message, on: control)
                } else {
                    shutdown(message, on: control)
                }
                status("idle", parent: message)
            default:
                log("dtr kernel: ignored \"\(message.type)\" on the control channel")
            }
        }
    }

    /// Replies, then ends the process: a restart is a new process, and so a fresh session.
    private func shutdown(_ message: KernelMessage, on socket: ZMQSocket) {
        Interrupt.request()
        let restart = message.bool("restart", default: false)
        reply("shutdown_reply", ["status": "ok", "restart": restart], to: message, on: socket)
        status("idle", parent: message)
        usleep(100_000)  // let ZeroMQ's I/O thread deliver the reply
        _exit(0)
    }

    private func serveHeartbeat(watch: ParentWatch) {
        while true {
            if heartbeat.poll(milliseconds: 500), let frames = heartbeat.receive() {
                heartbeat.send(frames)
            }
            if watch.parentIsGone {
                log("dtr kernel: the parent process exited; exiting")
                _exit(0)
            }
        }
    }
}
