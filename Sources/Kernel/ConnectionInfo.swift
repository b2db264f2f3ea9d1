import Foundation

/// A Jupyter connection file: where to bind the five sockets and how to sign messages.
public struct ConnectionInfo: Sendable, Equatable {
    /// `tcp` or `ipc`.
    public var transport: String
    /// The address to bind (`127.0.0.1`).
    public var ip: String
    /// Ports of the shell, control, IOPub, stdin and heartbeat sockets.
    public var shellPort, controlPort, iopubPort, stdinPort, heartbeatPort: Int
    /// The HMAC key (empty: messages are not signed).
    public var key: String
    /// Only `hmac-sha256` (or an empty key) is supported.
    public var signatureScheme: String

    /// Parses the JSON text of a connection file.
    public init(json bytes: [UInt8]) throws(KernelError) {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any] else {
            throw KernelError("the connection file is not a JSON object")
        }
        func port(_ name: String) throws(KernelError) -> Int {
            guard let n = (object[name] as? NSNumber)?.intValue else {
                throw KernelError("the connection file has no \(name)")
            }
            return n
        }
        transport = object["transport"] as? String ?? "tcp"
        ip = object["ip"] as? String ?? "127.0.0.1"
        shellPort = try port("shell_port")
        controlPort = try port("control_port")
        iopubPort = try port("iopub_port")
        stdinPort = try port("stdin_port")
        heartbeatPort = try port("hb_port")
        key = object["key"] as? String ?? ""
        signatureScheme = object["signature_scheme"] as? String ?? "hmac-sha256"
        guard transport == "tcp" || transport == "ipc" else { throw KernelError("unsupported transport \"\(transport)\"") }
        guard key.isEmpty || signatureScheme == "hmac-sha256" else {
            throw KernelError("unsupported signature scheme \"\(signatureScheme)\" (dtr speaks hmac-sha256)")
        }
    }

    /// The ZeroMQ endpoint for `port` (`tcp://IP:PORT`, or `ipc://IP-PORT` as Jupyter names ipc files).
    public func endpoint(_ port: Int) -> String {
        transport == "ipc" ? "ipc://\(ip)-\(port)" : "tcp://\(ip):\(port)"
    }

    /// The message signer, or nil without a key.
    public var signer: HMACSHA256? { key.isEmpty ? nil : HMACSHA256(key: Array(key.utf8)) }
}
