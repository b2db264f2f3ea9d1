import Tensor

/// numpy-style text for tensors.
///
/// A displayed tensor with more than one element starts with its dtype and shape,
/// `f64[2, 3]`, followed on the same line by a one-line body or on the next lines by a
/// multi-line body. The body follows numpy's `str`: rows in brackets, elements separated
/// by spaces and aligned in columns; tensors of more than 1000 elements show the first and
/// last 3 entries of each long axis around `...`. Element text:
/// - all integral → integers without a decimal point: `[1 2 3]`;
/// - otherwise fixed notation with up to 8 decimals, aligned on the point: `[ 0.1  2.5 -1. ]`;
/// - scientific when values span more than 10^3 or leave [1e-4, 1e8): `[1.e-05 1.e+05]`;
/// - bool tensors: `true`/`false` right-aligned, `bool[3] [ true false  true]`.
public enum TensorFormat {
    /// Tensors with more elements than this are summarised.
    public static let summaryThreshold = 1000
    /// Entries kept at each end of a summarised axis.
    public static let edgeItems = 3
    /// Line width for wrapping long rows.
    public static let lineWidth = 75

    /// `f64[2, 3]` (`f64[]` for a 0-d tensor).
    public static func header(_ t: Tensor) -> String {
        "\(t.dtype.rawValue)[" + t.shape.map(String.init).joined(separator: ", ") + "]"
    }

    /// The display of a tensor as a value: header and body; a tensor with exactly one
    /// element shows just its body (`[7]`, or `7` for a 0-d tensor).
    public static func display(_ t: Tensor) -> String {
        let b = body(t)
        if t.count == 1 { return b }
        return b.contains("\n") ? header(t) + "\n" + b : header(t) + " " + b
    }

    /// The numpy-`str`-like body (what `print` shows).
    public static func body(_ t: Tensor, summarise: Bool? = nil) -> String {
        // An empty tensor can still have a huge axis (`zeros([0, 1e10])`): summarise it
        // rather than list 10^10 empty rows (found by the fuzzer: an 80 GB allocation).
        let doSummary = summarise ?? (t.count > summaryThreshold || t.shape.contains { $0 > summaryThreshold })
        // Displayed index lists per axis (nil marks the "..." gap).
        let picks: [[Int?]] = t.shape.map { n in
            if doSummary && n > 2 * edgeItems {
                return Array(0..<edgeItems).map { Optional($0) } + [nil] + Array((n - edgeItems)..<n).map { Optional($0) }
            }
            return Array(0..<n).map { Optional($0) }
        }
        var values: [Double] = []
        collect(t, picks, axis: 0, offset: t.offset, into: &values)
        // Bool elements print as the language spells them, right-aligned as numpy aligns True/False.
        let strings = t.dtype == .bool ? values.map { $0 != 0 ? " true" : "false" } : ElementFormat(values).strings
        var cursor = 0
        if t.rank == 0 { return strings.first ?? "" }
        return layout(picks, axis: 0, strings: strings, cursor: &cursor)
    }

    private static func collect(_ t: Tensor, _ picks: [[Int?]], axis: Int, offset: Int, into out: inout [Double]) {
        if axis == t.rank {
            out.append(t.load(offset))
            return
        }
        for p in picks[axis] {
            guard let i = p else { continue }
            collect(t, picks, axis: axis + 1, offset: offset &+ i &* t.strides[axis], into: &out)
        }
    }

    private static func layout(_ picks: [[Int?]], axis: Int, strings: [String], cursor: inout Int) -> String {
        let indent = String(repeating: " ", count: axis + 1)
        if axis == picks.count - 1 {
            var lines: [String] = []
            var line = "["
            var first = true
            for p in picks[axis] {
                let item: String
                if p == nil { item = "..." } else { item = strings[cursor]; cursor += 1 }
                let piece = first ? item : " " + item
                if !first && line.count + piece.count + axis + 1 > lineWidth {
                    lines.append(line)
                    line = indent + item
                } else {
                    line += piece
                }
                first = false
            }
            lines.append(line + "]")
            return lines.joined(separator: "\n")
        }
        let separator = String(repeating: "\n", count: picks.count - axis - 1) + indent
        var parts: [String] = []
        for p in picks[axis] {
            if p == nil { parts.append("..."); continue }
            parts.append(layout(picks, axis: axis + 1, strings: strings, cursor: &cursor))
        }
        return "[" + parts.joined(separator: separator) + "]"
    }
}

/// Chooses one notation for a set of elements and formats them to a common width.
struct ElementFormat {
    let strings: [String]

    init(_ values: [Double]) {
        let finite = values.filter { $0.isFinite }
        let integral = finite.allSatisfy { $0 == $0.rounded(.towardZero) && Swift.abs($0) < 1e16 }
        var raw: [String]
        if integral {
            raw = values.map { NumberFormat.format($0 == 0 ? 0 : $0) }
            strings = ElementFormat.padLeft(raw)
            return
        }
        let magnitudes = finite.map { Swift.abs($0) }.filter { $0 > 0 }
        let maxAbs = magnitudes.max() ?? 0, minAbs = magnitudes.min() ?? 0
        let scientific = maxAbs >= 1e8 || (minAbs > 0 && (minAbs < 1e-4 || maxAbs / minAbs > 1e3))
        if scientific {
            var precision = 0
            for v in finite {
                let target = Double(NumberFormat.cFormat("%.7e", v)) ?? v
                var p = 0
                while p < 7, Double(NumberFormat.cFormat("%.\(p)e", v)) != target { p += 1 }
                precision = Swift.max(precision, p)
            }
            raw = values.map { $0.isFinite ? NumberFormat.cFormat("%#.\(precision)e", $0) : NumberFormat.format($0) }
            strings = ElementFormat.padLeft(raw)
            return
        }
        // Fixed: up to 8 decimals, trailing zeros dropped, aligned on the decimal point.
        var intParts: [String] = [], fracParts: [String] = []
        for v in values {
            guard v.isFinite else { intParts.append(NumberFormat.format(v)); fracParts.append(""); continue }
            var s = NumberFormat.cFormat("%.8f", v)
            while s.hasSuffix("0") { s.removeLast() }
            if let dot = s.firstIndex(of: ".") {
                intParts.append(String(s[s.startIndex..<dot]))
                fracParts.append(String(s[dot...]))
            } else {
                intParts.append(s)
                fracParts.append(".")
            }
        }
        let iw = intParts.map(\.count).max() ?? 0, fw = fracParts.map(\.count).max() ?? 0
        var out: [String] = []
        for k in 0..<values.count {
            if fracParts[k].isEmpty {
                out.append(String(repeating: " ", count: Swift.max(0, iw + fw - intParts[k].count)) + intParts[k])
            } else {
                out.append(String(repeating: " ", count: iw - intParts[k].count) + intParts[k]
                    + fracParts[k] + String(repeating: " ", count: fw - fracParts[k].count))
            }
        }
        strings = out
    }

    static func padLeft(_ raw: [String]) -> [String] {
        let w = raw.map(\.count).max() ?? 0
        return raw.map { String(repeating: " ", count: w - $0.count) + $0 }
    }
}
