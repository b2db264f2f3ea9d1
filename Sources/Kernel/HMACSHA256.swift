import Notebook

/// HMAC-SHA256 (RFC 2104), the signature scheme Jupyter connection files name `hmac-sha256`.
public struct HMACSHA256: Sendable {
    private let innerKey: [UInt8]
    private let outerKey: [UInt8]

    /// A signer for `key` (a key longer than the 64-byte block is hashed first).
    public init(key: [UInt8]) {
        var k = key.count > 64 ? SHA256.hash(key) : key
        k += [UInt8](repeating: 0, count: 64 - k.count)
        innerKey = k.map { $0 ^ 0x36 }
        outerKey = k.map { $0 ^ 0x5c }
    }

    /// The MAC of the concatenation of `parts`.
    public func mac(_ parts: [[UInt8]]) -> [UInt8] {
        var inner = SHA256()
        inner.update(innerKey)
        for p in parts { inner.update(p) }
        var outer = SHA256()
        outer.update(outerKey)
        outer.update(inner.finalize())
        return outer.finalize()
    }
}
