import Tensor

/// Numeric CSV files: comma-separated numbers, one row per line.
///
/// Writing: a number or 1-D tensor as one value per line (as `numpy.savetxt`), a 2-D tensor
/// as one row per line; integers without a decimal point, other values in the shortest form
/// that reads back exactly (`nan`, `inf` and `-inf` included). Reading: blank lines and lines
/// starting with `#` are skipped, and so is a first line holding no numbers at all (a header
/// such as `x,y`); every row must have the same number of values (a ragged row is an error
/// naming its line). One column loads as a 1-D tensor, several as a 2-D one, always f64.
enum CSVFile {
    static func encode(_ t: Tensor) throws(DataFileError) -> [UInt8] {
        guard t.rank <= 2 else {
            throw DataFileError("CSV files hold 1-D or 2-D tensors, got shape \(Shape.describe(t.shape))")
        }
        let values = t.toArray()
        let cols = t.rank == 2 ? t.shape[1] : 1
        let f32 = t.dtype == .f32
        var out = ""
        out.reserveCapacity(values.count * 8)
        var c = 0
        for v in values {
            out += format(v, f32: f32)
            c += 1
            if c == cols {
                out += "\n"
                c = 0
            } else {
                out += ","
            }
        }
        return Array(out.utf8)
    }

    static func format(_ v: Double, f32: Bool) -> String {
        if v.isNaN { return "nan" }
        if v.isInfinite { return v < 0 ? "-inf" : "inf" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return f32 ? "\(Float(v))" : "\(v)"
    }

    static func decode(_ bytes: [UInt8]) throws(DataFileError) -> Tensor {
        let text = String(decoding: bytes, as: UTF8.self)
        var rows: [[Double]] = []
        var firstLine = 0
        var sawLine = false
        // "\r\n" is one Character in Swift: split on every line-ending form.
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        for (n, line) in lines.enumerated() {
            let trimmed = line.trimmingSpaces
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingSpaces }
            let numbers = fields.map { Double(String($0)) }
            if !sawLine {
                sawLine = true
                if numbers.allSatisfy({ $0 == nil }) { continue } // a header line
            }
            var row: [Double] = []
            row.reserveCapacity(fields.count)
            for (k, x) in numbers.enumerated() {
                guard let x else {
                    let f = fields[k]
                    throw DataFileError(f.isEmpty ? "line \(n + 1), column \(k + 1) is empty"
                                                  : "line \(n + 1), column \(k + 1): \"\(f)\" is not a number")
                }
                row.append(x)
            }
            if let first = rows.first, first.count != row.count {
                throw DataFileError("line \(n + 1) has \(row.count) value\(row.count == 1 ? "" : "s") but line \(firstLine + 1) has \(first.count); every row needs the same number")
            }
            if rows.isEmpty { firstLine = n }
            rows.append(row)
            if rows.count & 1023 == 0 {
                do throws(TensorError) { try Interrupt.check() } catch { throw DataFileError(error.description) }
            }
        }
        guard let cols = rows.first?.count else { throw DataFileError("the file holds no numbers") }
        let flat = rows.flatMap { $0 }
        do throws(TensorError) {
            return try Tensor(flat, shape: cols == 1 ? [rows.count] : [rows.count, cols])
        } catch {
            throw DataFileError(error.description)
        }
    }
}

private extension Substring {
    /// The text without leading and trailing spaces and tabs.
    var trimmingSpaces: Substring {
        var s = self
        while let c = s.first, c == " " || c == "\t" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" { s = s.dropLast() }
        return s
    }
}
