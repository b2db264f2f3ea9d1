/// An n-dimensional array of `f64`, `f32` or `bool` with value semantics.
///
/// A tensor is a view (`shape`, `strides` in elements, `offset`) onto a shared `Storage`.
/// Reshape, transpose and slicing make new views without copying; any mutation first makes
/// the storage unique (copy-on-write), so `var y = x; y[0] = 5` never changes `x`.
///
/// ```swift
/// let x = try Tensor([1, 2, 3, 4], shape: [2, 2])
/// x.shape      // [2, 2]
/// x.toArray()  // [1.0, 2.0, 3.0, 4.0]
/// ```
public struct Tensor: @unchecked Sendable {
    /// Extent of each axis; `[]` for a 0-d (scalar) tensor.
    public internal(set) var shape: [Int]
    /// Step between consecutive elements along each axis, in elements (may be 0 or negative).
    public internal(set) var strides: [Int]
    /// Index of the first element in `storage`.
    public internal(set) var offset: Int
    /// The shared element buffer.
    public internal(set) var storage: Storage

    /// Element type.
    @inline(__always) public var dtype: DType { storage.dtype }
    /// Number of axes.
    @inline(__always) public var rank: Int { shape.count }
    /// Number of elements (product of `shape`).
    public var count: Int { shape.reduce(1, &*) }

    /// Whether the view covers its elements in row-major order with no gaps.
    public var isContiguous: Bool {
        var expected = 1
        for i in stride(from: shape.count - 1, through: 0, by: -1) where shape[i] != 1 {
            if strides[i] != expected { return false }
            expected &*= shape[i]
        }
        return true
    }

    /// Wraps existing storage as a view. No checks: internal use by ops that computed the view.
    public init(storage: Storage, shape: [Int], strides: [Int], offset: Int) {
        self.storage = storage
        self.shape = shape
        self.strides = strides
        self.offset = offset
    }

    /// A new contiguous tensor with uninitialised elements.
    public init(uninitialized shape: [Int], dtype: DType = .f64) throws(TensorError) {
        let n = try Shape.count(shape)
        self.init(storage: try Storage(count: n, dtype: dtype), shape: shape,
                  strides: Shape.contiguousStrides(shape), offset: 0)
    }

    /// A tensor filled with `value`.
    public init(repeating value: Double, shape: [Int], dtype: DType = .f64) throws(TensorError) {
        try self.init(uninitialized: shape, dtype: dtype)
        let n = storage.count
        switch dtype {
        case .f64: storage.f64.initialize(repeating: value, count: n)
        case .f32: storage.f32.initialize(repeating: Float(value), count: n)
        case .bool: storage.u8.initialize(repeating: value != 0 ? 1 : 0, count: n)
        }
    }

    /// A tensor holding `values` in row-major order with the given `shape`
    /// (1-D of `values.count` when `shape` is nil).
    public init(_ values: [Double], shape: [Int]? = nil, dtype: DType = .f64) throws(TensorError) {
        let shape = shape ?? [values.count]
        let n = try Shape.count(shape)
        guard n == values.count else {
            throw .invalidArgument("cannot make a tensor of shape \(Shape.describe(shape)) from \(values.count) values")
        }
        try self.init(uninitialized: shape, dtype: dtype)
        values.withUnsafeBufferPointer { src in
            switch dtype {
            case .f64: if n > 0 { storage.f64.initialize(from: src.baseAddress!, count: n) }
            case .f32: for i in 0..<n { storage.f32[i] = Float(src[i]) }
            case .bool: for i in 0..<n { storage.u8[i] = src[i] != 0 ? 1 : 0 }
            }
        }
    }

    /// A 0-d tensor.
    public init(scalar: Double, dtype: DType = .f64) {
        // A one-element allocation is always under the cap.
        let s = (try? Storage(count: 1, dtype: dtype)) ?? Storage.unitFallback(dtype)
        switch dtype {
        case .f64: s.f64.initialize(to: scalar)
        case .f32: s.f32.initialize(to: Float(scalar))
        case .bool: s.u8.initialize(to: scalar != 0 ? 1 : 0)
        }
        self.init(storage: s, shape: [], strides: [], offset: 0)
    }

    /// Storage offset of the element at a multi-index (no bounds checks).
    @inline(__always)
    func storageIndex(_ index: [Int]) -> Int {
        var o = offset
        for i in 0..<index.count { o &+= index[i] &* strides[i] }
        return o
    }

    /// Reads the element at storage position `i` as a Double.
    @inline(__always)
    public func load(_ i: Int) -> Double {
        switch dtype {
        case .f64: storage.f64[i]
        case .f32: Double(storage.f32[i])
        case .bool: Double(storage.u8[i])
        }
    }

    /// Storage offsets of every element in row-major logical order.
    public func storageOffsets() -> [Int] {
        let n = count
        var out = [Int](repeating: 0, count: n)
        if n == 0 { return out }
        if isContiguous {
            for i in 0..<n { out[i] = offset &+ i }
            return out
        }
        var idx = [Int](repeating: 0, count: rank)
        var o = offset
        for k in 0..<n {
            out[k] = o
            var ax = rank - 1
            while ax >= 0 {
                idx[ax] += 1
                o &+= strides[ax]
                if idx[ax] < shape[ax] { break }
                o &-= strides[ax] &* shape[ax]
                idx[ax] = 0
                ax -= 1
            }
        }
        return out
    }

    /// All elements in row-major order as Doubles.
    public func toArray() -> [Double] {
        let n = count
        if isContiguous {
            switch dtype {
            case .f64: return Array(UnsafeBufferPointer(start: storage.f64 + offset, count: n))
            case .f32: return (0..<n).map { Double(storage.f32[offset + $0]) }
            case .bool: return (0..<n).map { Double(storage.u8[offset + $0]) }
            }
        }
        return storageOffsets().map { load($0) }
    }

    /// The single element of a one-element tensor, or nil.
    public var scalarValue: Double? {
        count == 1 ? load(offset) : nil
    }

    /// A contiguous tensor with the same contents (self when already contiguous and offset 0).
    public func contiguous() throws(TensorError) -> Tensor {
        if isContiguous && offset == 0 && storage.count == count { return self }
        var out = try Tensor(uninitialized: shape, dtype: dtype)
        let n = count
        if isContiguous {
            out.storage.raw.copyMemory(from: storage.raw + offset * dtype.size, byteCount: n * dtype.size)
        } else {
            let offs = storageOffsets()
            switch dtype {
            case .f64: for k in 0..<n { out.storage.f64[k] = storage.f64[offs[k]] }
            case .f32: for k in 0..<n { out.storage.f32[k] = storage.f32[offs[k]] }
            case .bool: for k in 0..<n { out.storage.u8[k] = storage.u8[offs[k]] }
            }
        }
        out.shape = shape
        return out
    }

    /// Ensures this tensor exclusively owns contiguous storage (copy-on-write); call before writing.
    public mutating func makeUnique() throws(TensorError) {
        if !isKnownUniquelyReferenced(&storage) || !(isContiguous && offset == 0 && storage.count == count) {
            self = try contiguousCopy()
        }
    }

    /// Always a fresh contiguous copy.
    public func contiguousCopy() throws(TensorError) -> Tensor {
        let out = try Tensor(uninitialized: shape, dtype: dtype)
        let offs = storageOffsets()
        switch dtype {
        case .f64: for k in 0..<offs.count { out.storage.f64[k] = storage.f64[offs[k]] }
        case .f32: for k in 0..<offs.count { out.storage.f32[k] = storage.f32[offs[k]] }
        case .bool: for k in 0..<offs.count { out.storage.u8[k] = storage.u8[offs[k]] }
        }
        return out
    }

    /// This tensor with a float dtype: bool converted to f64, float tensors unchanged.
    public func numeric() throws(TensorError) -> Tensor {
        dtype == .bool ? try converted(to: .f64) : self
    }

    /// This tensor converted to `dtype` (self when it already has it). Floats convert to bool
    /// as numpy's `astype(bool)`: non-zero and NaN are true.
    public func converted(to dtype: DType) throws(TensorError) -> Tensor {
        if dtype == self.dtype { return self }
        let out = try Tensor(uninitialized: shape, dtype: dtype)
        let offs = storageOffsets()
        switch (self.dtype, dtype) {
        case (.f32, .f64): for k in 0..<offs.count { out.storage.f64[k] = Double(storage.f32[offs[k]]) }
        case (.f64, .f32): for k in 0..<offs.count { out.storage.f32[k] = Float(storage.f64[offs[k]]) }
        case (.bool, .f64): for k in 0..<offs.count { out.storage.f64[k] = Double(storage.u8[offs[k]]) }
        case (.bool, .f32): for k in 0..<offs.count { out.storage.f32[k] = Float(storage.u8[offs[k]]) }
        // numpy's astype(bool): non-zero (and NaN) is true.
        case (.f64, .bool): for k in 0..<offs.count { out.storage.u8[k] = storage.f64[offs[k]] != 0 ? 1 : 0 }
        case (.f32, .bool): for k in 0..<offs.count { out.storage.u8[k] = storage.f32[offs[k]] != 0 ? 1 : 0 }
        case (.f64, .f64), (.f32, .f32), (.bool, .bool): break
        }
        return out
    }
}

extension Storage {
    /// Last-resort one-element storage that bypasses the cap (only for 0-d scalars).
    static func unitFallback(_ dtype: DType) -> Storage {
        let saved = Limits.maxBytes
        Limits.maxBytes = Int.max
        defer { Limits.maxBytes = saved }
        // With the cap lifted an 8-byte allocation cannot throw.
        return (try? Storage(count: 1, dtype: dtype)) ?? Storage.unitFallback(dtype)
    }
}
