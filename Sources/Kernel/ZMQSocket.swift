import CZMQ
#if canImport(Glibc)
import Glibc
#endif

/// A ZeroMQ context (one per kernel).
final class ZMQContext: @unchecked Sendable {
    let raw: UnsafeMutableRawPointer

    init() throws(KernelError) {
        guard let raw = zmq_ctx_new() else { throw KernelError("cannot create a ZeroMQ context: \(ZMQSocket.lastError)") }
        self.raw = raw
    }
}

/// A ZeroMQ socket. Not thread-safe: each socket is used by one thread, except IOPub, which
/// ``IOPub`` guards with a lock.
final class ZMQSocket: @unchecked Sendable {
    let raw: UnsafeMutableRawPointer

    /// Creates a socket of `type` (`ZMQ_ROUTER`, `ZMQ_PUB`, `ZMQ_REP`).
    init(_ context: ZMQContext, type: Int32) throws(KernelError) {
        guard let raw = zmq_socket(context.raw, type) else { throw KernelError("cannot create a socket: \(Self.lastError)") }
        self.raw = raw
        var linger: Int32 = 1000
        zmq_setsockopt(raw, ZMQ_LINGER, &linger, MemoryLayout<Int32>.size)
    }

    static var lastError: String { String(cString: zmq_strerror(zmq_errno())) }

    /// Binds to `endpoint` (`tcp://127.0.0.1:5555`).
    func bind(_ endpoint: String) throws(KernelError) {
        guard zmq_bind(raw, endpoint) == 0 else { throw KernelError("cannot bind \(endpoint): \(Self.lastError)") }
    }

    /// Waits up to `milliseconds` (-1: forever) for a message; true when one is ready.
    func poll(milliseconds: Int) -> Bool {
        var item = zmq_pollitem_t(socket: raw, fd: 0, events: Int16(ZMQ_POLLIN), revents: 0)
        let n = zmq_poll(&item, 1, milliseconds)
        return n > 0 && (item.revents & Int16(ZMQ_POLLIN)) != 0
    }

    /// Receives every frame of the next message (retrying after a signal); nil when the
    /// context is shutting down.
    func receive() -> [[UInt8]]? {
        var frames: [[UInt8]] = []
        while true {
            var message = zmq_msg_t()
            zmq_msg_init(&message)
            defer { zmq_msg_close(&message) }
            let n = zmq_msg_recv(&message, raw, 0)
            if n < 0 {
                if zmq_errno() == EINTR { continue }
                return nil
            }
            let size = zmq_msg_size(&message)
            if size > 0, let data = zmq_msg_data(&message) {
                frames.append(Array(UnsafeRawBufferPointer(start: data, count: size)))
            } else {
                frames.append([])
            }
            if zmq_msg_more(&message) == 0 { return frames }
        }
    }

    /// Sends `frames` as one multi-part message.
    func send(_ frames: [[UInt8]]) {
        for (i, frame) in frames.enumerated() {
            let flags: Int32 = i == frames.count - 1 ? 0 : ZMQ_SNDMORE
            while true {
                let n = frame.withUnsafeBytes { zmq_send(raw, $0.baseAddress, $0.count, flags) }
                if n >= 0 || zmq_errno() != EINTR { break }
            }
        }
    }

    /// Closes the socket.
    func close() { zmq_close(raw) }
}

/// A kernel that cannot start: a bad connection file, a port in use.
public struct KernelError: Error, CustomStringConvertible {
    /// What went wrong, one line.
    public var description: String
    public init(_ description: String) { self.description = description }
}
