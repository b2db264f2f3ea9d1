/// A reference-counted, 64-byte aligned block of elements. Tensors share a storage until one
/// of them writes (copy-on-write, see `Tensor.makeUnique`).
public final class Storage: @unchecked Sendable {
    /// Number of elements.
    public let count: Int
    /// Element type.
    public let dtype: DType
    /// Start of the elements.
    public let raw: UnsafeMutableRawPointer

    /// Allocates uninitialised storage; throws if it exceeds `Limits.maxBytes`.
    public init(count: Int, dtype: DType) throws(TensorError) {
        let (bytes, overflow) = count.multipliedReportingOverflow(by: dtype.size)
        guard !overflow, count >= 0 else { throw .tooLarge(bytes: Int.max, limit: Limits.maxBytes) }
        guard bytes <= Limits.maxBytes else { throw .tooLarge(bytes: bytes, limit: Limits.maxBytes) }
        // The system may refuse memory under the limit (ulimit -v, a cgroup): the same error.
        guard let raw = BufferPool.allocate(bytes: bytes) else { throw .tooLarge(bytes: bytes, limit: Limits.maxBytes) }
        self.count = count
        self.dtype = dtype
        self.raw = raw
    }

    deinit { BufferPool.deallocate(raw, bytes: count &* dtype.size) }

    /// Typed view as doubles (valid only when `dtype == .f64`).
    @inline(__always) public var f64: UnsafeMutablePointer<Double> { raw.assumingMemoryBound(to: Double.self) }
    /// Typed view as floats (valid only when `dtype == .f32`).
    @inline(__always) public var f32: UnsafeMutablePointer<Float> { raw.assumingMemoryBound(to: Float.self) }
    /// Typed view as bytes 0/1 (valid only when `dtype == .bool`).
    @inline(__always) public var u8: UnsafeMutablePointer<UInt8> { raw.assumingMemoryBound(to: UInt8.self) }

    /// A copy with the same contents.
    public func copy() -> Storage {
        // Same size as self, so the cap check cannot newly fail; fall back to self if it did.
        guard let s = try? Storage(count: count, dtype: dtype) else { return self }
        s.raw.copyMemory(from: raw, byteCount: count * dtype.size)
        return s
    }
}
