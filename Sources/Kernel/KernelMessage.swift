import Foundation

/// A JSON dictionary as Foundation parses it.
typealias JSONObject = [String: Any]

/// A received message with its header and content parsed.
struct KernelMessage {
    /// The frames as they arrived.
    var wire: WireMessage
    /// The parsed header.
    var header: JSONObject
    /// The parsed content.
    var content: JSONObject
    /// `header.msg_type`.
    var type: String

    /// Splits, verifies and parses `frames`.
    init(frames: [[UInt8]], signer: HMACSHA256?) throws(WireError) {
        wire = try WireMessage(frames: frames, signer: signer)
        guard let header = Self.object(wire.header) else { throw .badJSON("header") }
        guard let type = header["msg_type"] as? String, header["msg_id"] is String else {
            throw .badJSON("header without msg_type or msg_id")
        }
        guard let content = Self.object(wire.content) else { throw .badJSON("content") }
        guard Self.object(wire.parentHeader) != nil else { throw .badJSON("parent header") }
        guard Self.object(wire.metadata) != nil else { throw .badJSON("metadata") }
        self.header = header
        self.content = content
        self.type = type
    }

    static func object(_ bytes: [UInt8]) -> JSONObject? {
        guard !bytes.isEmpty else { return nil }
        return (try? JSONSerialization.jsonObject(with: Data(bytes))) as? JSONObject
    }

    /// A string field of the content ("" when absent).
    func string(_ key: String) -> String { content[key] as? String ?? "" }
    /// A boolean field of the content.
    func bool(_ key: String, default value: Bool) -> Bool { content[key] as? Bool ?? value }
    /// An integer field of the content.
    func int(_ key: String) -> Int? { (content[key] as? NSNumber)?.intValue }
}

/// Builds and signs outgoing messages for one kernel session.
struct MessageFactory: @unchecked Sendable {
    /// The kernel's session id (header.session of everything it sends).
    let session = UUID().uuidString.lowercased()
    /// The signer from the connection file's key (nil: no key, empty signatures).
    let signer: HMACSHA256?

    /// The frames of a message of `type` answering (or caused by) `parent`.
    func frames(_ type: String, _ content: JSONObject, parent: KernelMessage?, identities: [[UInt8]],
                metadata: JSONObject = [:]) -> [[UInt8]] {
        let header: JSONObject = [
            "msg_id": UUID().uuidString.lowercased(), "session": session, "username": "dtr",
            "date": Self.timestamp(), "msg_type": type, "version": "5.3",
        ]
        let wire = WireMessage(identities: identities, header: Self.json(header),
                               parentHeader: parent?.wire.header ?? Array("{}".utf8),
                               metadata: Self.json(metadata), content: Self.json(content))
        return wire.frames(signer: signer)
    }

    /// Compact JSON bytes (keys sorted).
    static func json(_ object: JSONObject) -> [UInt8] {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else {
            return Array("{}".utf8)
        }
        return [UInt8](data)
    }

    /// ISO 8601 with microseconds, UTC: `2026-12-03T21:40:27.123456Z`.
    static func timestamp() -> String {
        var tv = timeval()
        gettimeofday(&tv, nil)
        var seconds = tv.tv_sec
        var t = tm()
        gmtime_r(&seconds, &t)
        func pad(_ v: Int32, _ n: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, n - s.count)) + s
        }
        return "\(pad(t.tm_year + 1900, 4))-\(pad(t.tm_mon + 1, 2))-\(pad(t.tm_mday, 2))T"
            + "\(pad(t.tm_hour, 2)):\(pad(t.tm_min, 2)):\(pad(t.tm_sec, 2)).\(pad(Int32(tv.tv_usec), 6))Z"
    }
}
