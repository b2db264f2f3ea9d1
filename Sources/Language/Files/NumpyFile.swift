import Tensor

/// A data file that could not be read or written (bad header, truncated data, ragged CSV …);
/// `message` is user-facing and says what is wrong.
struct DataFileError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

/// numpy's `.npy` format (versions 1.0, 2.0 and 3.0 of the header).
///
/// Writing: f64 tensors as `<f8`, f32 as `<f4`, bool as `|b1`, little-endian, C order, header version 1.0
/// (2.0 when the header would not fit in 65535 bytes), padded to a multiple of 64 bytes as
/// numpy does. Reading: floats (`f2 f4 f8`, either byte order), booleans (`b1`, loaded as
/// bool) and integers (`i1…i8 u1…u8`, loaded as f64), C or Fortran order. Structured dtypes, object arrays,
/// a truncated file or a header whose shape does not match the data are errors.
enum NumpyFile {
    static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59] // \x93NUMPY

    // MARK: Writing

    /// The bytes of an .npy file holding `t`.
    static func encode(_ t: Tensor) -> [UInt8] {
        let f32 = t.dtype == .f32, bool = t.dtype == .bool
        let shape: String
        switch t.rank {
        case 0: shape = "()"
        case 1: shape = "(\(t.shape[0]),)"
        default: shape = "(" + t.shape.map(String.init).joined(separator: ", ") + ")"
        }
        var header = Array("{'descr': '\(bool ? "|b1" : f32 ? "<f4" : "<f8")', 'fortran_order': False, 'shape': \(shape), }".utf8)
        var version: UInt8 = 1
        var prefix = 10
        if (prefix + header.count + 1 + 63) / 64 * 64 - prefix > Int(UInt16.max) {
            version = 2
            prefix = 12
        }
        let total = (prefix + header.count + 1 + 63) / 64 * 64
        header.append(contentsOf: [UInt8](repeating: 0x20, count: total - prefix - header.count - 1))
        header.append(0x0A)
        var out = magic + [version, 0]
        let n = header.count
        if version == 1 {
            out += [UInt8(n & 0xFF), UInt8((n >> 8) & 0xFF)]
        } else {
            out += (0..<4).map { UInt8((n >> (8 * $0)) & 0xFF) }
        }
        out += header
        let values = t.toArray()
        out.reserveCapacity(out.count + values.count * (f32 ? 4 : 8))
        if bool {
            for v in values { out.append(v != 0 ? 1 : 0) }
        } else if f32 {
            for v in values { appendLittleEndian(&out, UInt64(Float(v).bitPattern), 4) }
        } else {
            for v in values { appendLittleEndian(&out, v.bitPattern, 8) }
        }
        return out
    }

    private static func appendLittleEndian(_ out: inout [UInt8], _ bits: UInt64, _ size: Int) {
        for k in 0..<size { out.append(UInt8((bits >> (8 * UInt64(k))) & 0xFF)) }
    }

    // MARK: Reading

    /// The element type described by a `descr` string such as `<f8` or `|b1`.
    struct ElementType {
        enum Kind { case float, signed, unsigned, bool }
        var kind: Kind
        var size: Int
        var bigEndian: Bool
    }

    /// The tensor stored in an .npy file's bytes (f32 for `f4`/`f2` data, f64 otherwise).
    static func decode(_ bytes: [UInt8]) throws(DataFileError) -> Tensor {
        guard bytes.count >= 10, Array(bytes[0..<6]) == magic else {
            throw DataFileError("not a .npy file (it does not start with \\x93NUMPY)")
        }
        let major = bytes[6]
        let headerLength: Int, start: Int
        switch major {
        case 1:
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            start = 10
        case 2, 3:
            guard bytes.count >= 12 else { throw DataFileError("the .npy header is truncated") }
            headerLength = (0..<4).reduce(0) { $0 | Int(bytes[8 + $1]) << (8 * $1) }
            start = 12
        default:
            throw DataFileError("unsupported .npy format version \(major).\(bytes[7]) (dtr reads 1.0, 2.0 and 3.0)")
        }
        guard headerLength <= bytes.count - start else {
            throw DataFileError("the .npy header is truncated: it announces \(headerLength) bytes but the file has \(bytes.count - start) after the prefix")
        }
        let dataStart = start + headerLength
        let headerText = major == 3 ? String(decoding: bytes[start..<dataStart], as: UTF8.self)
                                    : String(bytes[start..<dataStart].map { Character(Unicode.Scalar($0)) })
        var parser = HeaderParser(headerText)
        let header: [String: HeaderValue] = try parser.dictionary()
        guard case .string(let descr)? = header["descr"] else {
            if header["descr"] != nil { throw DataFileError("structured .npy arrays (a list of fields as dtype) are not supported") }
            throw DataFileError("the .npy header has no 'descr' (element type)")
        }
        guard case .bool(let fortran)? = header["fortran_order"] else {
            throw DataFileError("the .npy header has no 'fortran_order' True/False")
        }
        guard case .tuple(let shape)? = header["shape"] else { throw DataFileError("the .npy header has no 'shape' tuple") }
        let type = try elementType(descr)
        var count = 1
        for d in shape {
            let (p, o) = count.multipliedReportingOverflow(by: d)
            guard !o else { throw DataFileError("the .npy shape \(describe(shape)) is too large") }
            count = p
        }
        let (need, o) = count.multipliedReportingOverflow(by: type.size)
        guard !o else { throw DataFileError("the .npy shape \(describe(shape)) is too large") }
        let have = bytes.count - dataStart
        guard have >= need else {
            throw DataFileError("the .npy file is truncated: shape \(describe(shape)) of '\(descr)' needs \(need) bytes of data, the file has \(have)")
        }
        guard have == need else {
            throw DataFileError("the .npy file has \(have - need) bytes after the data its header describes (shape \(describe(shape)), '\(descr)'); the header does not match the data")
        }
        var values = [Double](repeating: 0, count: count)
        bytes.withUnsafeBufferPointer { b in
            for i in 0..<count { values[i] = read(b, dataStart + i * type.size, type) }
        }
        if fortran, shape.count > 1 { values = fortranToC(values, shape) }
        let dtype: DType = type.kind == ElementType.Kind.bool ? .bool
            : type.kind == ElementType.Kind.float && type.size <= 4 ? .f32 : .f64
        do throws(TensorError) {
            return try Tensor(values, shape: shape, dtype: dtype)
        } catch {
            throw DataFileError(error.description)
        }
    }

    static func elementType(_ descr: String) throws(DataFileError) -> ElementType {
        let chars = Array(descr)
        guard chars.count >= 3, "<>|=".contains(chars[0]), let size = Int(String(chars[2...])) else {
            throw DataFileError("unsupported .npy element type '\(descr)'")
        }
        let big = chars[0] == ">"
        let type: ElementType
        switch (chars[1], size) {
        case ("f", 2), ("f", 4), ("f", 8): type = ElementType(kind: .float, size: size, bigEndian: big)
        case ("i", 1), ("i", 2), ("i", 4), ("i", 8): type = ElementType(kind: .signed, size: size, bigEndian: big)
        case ("u", 1), ("u", 2), ("u", 4), ("u", 8): type = ElementType(kind: .unsigned, size: size, bigEndian: big)
        case ("b", 1): type = ElementType(kind: .bool, size: 1, bigEndian: false)
        default:
            throw DataFileError("unsupported .npy element type '\(descr)' (dtr reads floats, integers and booleans)")
        }
        return type
    }

    private static func read(_ b: UnsafeBufferPointer<UInt8>, _ at: Int, _ type: ElementType) -> Double {
        var bits: UInt64 = 0
        for k in 0..<type.size {
            let byte = UInt64(b[at + (type.bigEndian ? type.size - 1 - k : k)])
            bits |= byte << (8 * UInt64(k))
        }
        switch type.kind {
        case .bool: return bits == 0 ? 0 : 1
        case .unsigned: return Double(bits)
        case .signed:
            let shift = UInt64(64 - 8 * type.size)
            return Double(Int64(bitPattern: bits << shift) >> Int64(shift))
        case .float:
            switch type.size {
            case 2: return halfToDouble(UInt16(truncatingIfNeeded: bits))
            case 4: return Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits)))
            default: return Double(bitPattern: bits)
            }
        }
    }

    /// IEEE 754 binary16 to Double (no dependency on the platform's Float16).
    static func halfToDouble(_ h: UInt16) -> Double {
        let sign: Double = h & 0x8000 != 0 ? -1 : 1
        let exponent = Int((h >> 10) & 0x1F), mantissa = Double(h & 0x3FF)
        switch exponent {
        case 0: return sign * mantissa * 0x1p-24
        case 31: return mantissa == 0 ? sign * .infinity : .nan
        default: return sign * (1 + mantissa / 1024) * Double(sign: .plus, exponent: exponent - 15, significand: 1)
        }
    }

    /// Reorders column-major values into row-major order for `shape`.
    static func fortranToC(_ v: [Double], _ shape: [Int]) -> [Double] {
        var out = [Double](repeating: 0, count: v.count)
        var fstrides = [Int](repeating: 1, count: shape.count)
        for j in 1..<shape.count { fstrides[j] = fstrides[j - 1] * shape[j - 1] }
        var index = [Int](repeating: 0, count: shape.count)
        for i in 0..<v.count {
            var f = 0
            for j in 0..<shape.count { f += index[j] * fstrides[j] }
            out[i] = v[f]
            var j = shape.count - 1
            while j >= 0 {
                index[j] += 1
                if index[j] < shape[j] { break }
                index[j] = 0
                j -= 1
            }
        }
        return out
    }

    static func describe(_ shape: [Int]) -> String {
        "(" + shape.map(String.init).joined(separator: ", ") + (shape.count == 1 ? ",)" : ")")
    }

    // MARK: The header: a Python dict literal

    enum HeaderValue {
        case string(String), bool(Bool), tuple([Int]), other
    }

    /// A parser for the small subset of Python literals .npy headers use.
    struct HeaderParser {
        let chars: [Character]
        var i = 0

        init(_ text: String) { chars = Array(text) }

        mutating func dictionary() throws(DataFileError) -> [String: HeaderValue] {
            var out: [String: HeaderValue] = [:]
            try expect("{")
            while true {
                skipSpace()
                if peek == "}" { i += 1; break }
                guard case .string(let key) = try value() else { throw bad("a string key") }
                try expect(":")
                out[key] = try value()
                skipSpace()
                if peek == "," { i += 1; continue }
                try expect("}")
                break
            }
            return out
        }

        var peek: Character? { i < chars.count ? chars[i] : nil }

        mutating func skipSpace() { while let c = peek, c == " " || c == "\n" || c == "\t" || c == "\r" { i += 1 } }

        mutating func expect(_ c: Character) throws(DataFileError) {
            skipSpace()
            guard peek == c else { throw bad("'\(c)'") }
            i += 1
        }

        func bad(_ wanted: String) -> DataFileError {
            DataFileError("the .npy header is not a valid dictionary (expected \(wanted) at character \(i + 1))")
        }

        mutating func value() throws(DataFileError) -> HeaderValue {
            skipSpace()
            guard let c = peek else { throw bad("a value") }
            switch c {
            case "'", "\"":
                i += 1
                var s = ""
                while let d = peek, d != c { s.append(d); i += 1 }
                guard peek == c else { throw bad("a closing quote") }
                i += 1
                return .string(s)
            case "(":
                i += 1
                var dims: [Int] = []
                while true {
                    skipSpace()
                    if peek == ")" { i += 1; break }
                    var digits = ""
                    while let d = peek, d.isASCII, d.isNumber { digits.append(d); i += 1 }
                    if peek == "L" { i += 1 }
                    guard let n = Int(digits) else { throw bad("a non-negative integer in the shape") }
                    dims.append(n)
                    skipSpace()
                    if peek == "," { i += 1; continue }
                    try expect(")")
                    break
                }
                return .tuple(dims)
            case "[", "{":
                // Structured dtypes: skip the nested literal.
                var depth = 0
                while let d = peek {
                    if d == "[" || d == "{" || d == "(" { depth += 1 }
                    if d == "]" || d == "}" || d == ")" { depth -= 1 }
                    i += 1
                    if depth == 0 { break }
                }
                return .other
            default:
                var word = ""
                while let d = peek, d.isLetter || d.isNumber || d == "_" { word.append(d); i += 1 }
                switch word {
                case "True": return .bool(true)
                case "False": return .bool(false)
                case "": throw bad("a value")
                default: return .other
                }
            }
        }
    }
}
