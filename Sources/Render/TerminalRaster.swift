/// Reduces a raster to a target grid by block averaging, in one pass over the data.
///
/// The rule: an output pixel shows the **mean** of the finite data values it covers (NaN and
/// ±inf are skipped; a pixel covering none is blank). A cell half-covering a 0/1 mask therefore
/// shows an intermediate shade. When the target is larger than the data, each output pixel
/// takes the value of the data cell under it (nearest neighbour), so no pixel is invented.
struct BlockAverage {
    /// Output size in pixels.
    let rows: Int, cols: Int
    let channels: Int
    /// Mean per output pixel and channel (NaN where nothing finite was covered).
    private(set) var mean: [Double]

    /// Source index ranges covered by each of `n` outputs along an axis of length `len`.
    static func spans(_ len: Int, _ n: Int) -> [Range<Int>] {
        (0..<n).map { i in
            let a = min(len - 1, i * len / n)
            let b = max(a + 1, min(len, (i + 1) * len / n))
            return a..<b
        }
    }

    init(_ r: Raster, rows: Int, cols: Int) {
        let outRows = max(1, rows), outCols = max(1, cols)
        self.rows = outRows
        self.cols = outCols
        channels = r.channels
        let ch = r.channels
        var sum = [Double](repeating: 0, count: outRows * outCols * ch)
        var count = [Int32](repeating: 0, count: outRows * outCols)
        let rowSpans = Self.spans(r.rows, outRows), colSpans = Self.spans(r.cols, outCols)
        let colLo = colSpans.map(\.lowerBound), colHi = colSpans.map(\.upperBound)
        // One pass over the data: each source row adds its column blocks to its output row.
        // Sums are kept in registers per block, so the loop streams through memory.
        r.values.withUnsafeBufferPointer { v in
            guard let data = v.baseAddress else { return }
            sum.withUnsafeMutableBufferPointer { s in
                count.withUnsafeMutableBufferPointer { n in
                    for (i, rs) in rowSpans.enumerated() {
                        let o = i * outCols
                        for sr in rs {
                            let row = data + sr * r.cols * ch
                            for j in 0..<outCols {
                                var a0 = 0.0, a1 = 0.0, a2 = 0.0
                                var k: Int32 = 0
                                if ch == 1 {
                                    for sc in colLo[j]..<colHi[j] {
                                        let x = row[sc]
                                        if x.isFinite { a0 += x; k += 1 }
                                    }
                                } else {
                                    for sc in colLo[j]..<colHi[j] {
                                        let x = row[3 * sc], y = row[3 * sc + 1], z = row[3 * sc + 2]
                                        if x.isFinite && y.isFinite && z.isFinite { a0 += x; a1 += y; a2 += z; k += 1 }
                                    }
                                }
                                s[(o + j) * ch] += a0
                                if ch == 3 { s[(o + j) * 3 + 1] += a1; s[(o + j) * 3 + 2] += a2 }
                                n[o + j] += k
                            }
                        }
                    }
                }
            }
        }
        for o in 0..<count.count {
            let k = count[o]
            for c in 0..<ch { sum[o * ch + c] = k > 0 ? sum[o * ch + c] / Double(k) : .nan }
        }
        mean = sum
    }

    /// The colour of output pixel (`row`, `col`), or nil if it covered no finite value.
    func color(_ row: Int, _ col: Int, _ r: Raster) -> RGB? {
        let o = (row * cols + col) * channels
        if channels == 3 {
            let x = mean[o]
            return x.isNaN ? nil : RGB(unit: x, mean[o + 1], mean[o + 2])
        }
        return r.color(scalar: mean[o])
    }

    /// Output pixel (`row`, `col`) scaled to [0, 1] by the raster's range (brightness for RGB).
    func level(_ row: Int, _ col: Int, _ r: Raster) -> Double? {
        let o = (row * cols + col) * channels
        if channels == 3 { return color(row, col, r)?.brightness }
        let x = mean[o]
        guard x.isFinite else { return nil }
        return r.hi > r.lo ? min(1, max(0, (x - r.lo) / (r.hi - r.lo))) : 1
    }
}
