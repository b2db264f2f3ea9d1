import Notebook

/// One Jupyter message as it travels over ZeroMQ (messaging protocol 5.3, "The wire
/// protocol"): routing identities, the `<IDS|MSG>` delimiter, the HMAC signature, then the
/// four JSON dictionaries (header, parent header, metadata, content) and optional binary
/// buffers.
///
/// The JSON parts are kept as the exact bytes that were signed, so a signature is checked
/// against what arrived, never against a re-serialisation.
public struct WireMessage: Equatable, Sendable {
    /// The frame that separates routing identities from the message.
    public static let delimiter: [UInt8] = Array("<IDS|MSG>".utf8)

    /// ROUTER identities (or the IOPub topic) before the delimiter.
    public var identities: [[UInt8]]
    /// The header dictionary as JSON bytes.
    public var header: [UInt8]
    /// The parent header dictionary as JSON bytes.
    public var parentHeader: [UInt8]
    /// The metadata dictionary as JSON bytes.
    public var metadata: [UInt8]
    /// The content dictionary as JSON bytes.
    public var content: [UInt8]
    /// Extra binary buffers after the content.
    public var buffers: [[UInt8]]

    /// Creates a message from its parts.
    public init(identities: [[UInt8]], header: [UInt8], parentHeader: [UInt8], metadata: [UInt8],
                content: [UInt8], buffers: [[UInt8]] = []) {
        self.identities = identities
        self.header = header
        self.parentHeader = parentHeader
        self.metadata = metadata
        self.content = content
        self.buffers = buffers
    }

    /// The frames to send, signed with `signer` (an empty signature when there is no key).
    public func frames(signer: HMACSHA256?) -> [[UInt8]] {
        let signature = signer.map { Array($0.mac([header, parentHeader, metadata, content]).hex.utf8) } ?? []
        return identities + [Self.delimiter, signature, header, parentHeader, metadata, content] + buffers
    }

    /// Splits received frames and checks the signature. With a key, a missing or wrong
    /// signature is an error; without one, any signature is accepted (as the protocol says).
    public init(frames: [[UInt8]], signer: HMACSHA256?) throws(WireError) {
        guard let split = frames.firstIndex(of: Self.delimiter) else { throw .noDelimiter }
        let rest = frames[(split + 1)...]
        guard rest.count >= 5 else { throw .tooFewFrames(rest.count) }
        let parts = Array(rest)
        identities = Array(frames[..<split])
        header = parts[1]
        parentHeader = parts[2]
        metadata = parts[3]
        content = parts[4]
        buffers = Array(parts[5...])
        if let signer {
            let expected = Array(signer.mac([header, parentHeader, metadata, content]).hex.utf8)
            guard !parts[0].isEmpty else { throw .unsigned }
            guard Self.constantTimeEqual(expected, parts[0]) else { throw .badSignature }
        }
    }

    /// Compares without an early exit, so timing does not reveal how much of a guess matched.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in a.indices { difference |= a[i] ^ b[i] }
        return difference == 0
    }
}

/// Why received frames are not a valid message.
public enum WireError: Error, Equatable, CustomStringConvertible {
    /// No `<IDS|MSG>` frame.
    case noDelimiter
    /// Fewer than the five frames (signature and four dictionaries) after the delimiter.
    case tooFewFrames(Int)
    /// A key is configured but the message carries no signature.
    case unsigned
    /// The signature does not match (a wrong key, or a tampered message).
    case badSignature
    /// A dictionary is not a JSON object, or a required header field is missing.
    case badJSON(String)

    /// A one-line account for the kernel's log.
    public var description: String {
        switch self {
        case .noDelimiter: "no <IDS|MSG> delimiter frame"
        case .tooFewFrames(let n): "only \(n) frames after the delimiter (need 5)"
        case .unsigned: "unsigned message (the connection file has a key)"
        case .badSignature: "bad HMAC signature"
        case .badJSON(let what): "malformed JSON: \(what)"
        }
    }
}
