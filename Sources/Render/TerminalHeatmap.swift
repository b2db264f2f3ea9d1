/// Heatmap and image cells, and the colour bar, for the terminal.
///
/// The plot area is cut into pixels and each pixel shows the **mean** of the block of data
/// values it covers (see ``BlockAverage``; the blocks of neighbouring pixels differ by at most
/// one row or column). With colour a character is two vertically stacked pixels: a half block
/// `▀` whose foreground is the upper pixel's mean and background the lower one's (viridis, or
/// the image's own colours). Without colour a character is one pixel, drawn as one shade of
/// " ░▒▓█" (ASCII: " .:-=+*#%@"): blank only where every covered value is the minimum, full only
/// where every one is the maximum, so a 0/1 mask stays readable and partial cover shows as a shade.
/// Images without colour use the nearest shade of their brightness instead.
extension TerminalPanel {
    /// Draws `r` into `rows` × `cols` characters. With half blocks, `pixels` (default
    /// `2 · rows`) is the number of pixel rows; when odd, the last row's lower half stays empty.
    func drawRaster(_ r: Raster, into g: inout CellGrid, row: Int, col: Int, rows: Int, cols: Int, pixels: Int? = nil) {
        if color != .none && charset != .ascii {
            let px = min(2 * rows, max(1, pixels ?? 2 * rows))
            let a = BlockAverage(r, rows: px, cols: cols)
            for i in 0..<rows {
                for j in 0..<cols {
                    let top = a.color(2 * i, j, r), bottom = 2 * i + 1 < px ? a.color(2 * i + 1, j, r) : nil
                    g[row + i, col + j] = halfBlock(top, bottom)
                }
            }
            return
        }
        let a = BlockAverage(r, rows: rows, cols: cols)
        let isImage = r.channels == 3 || r.colorMap == .grey
        for i in 0..<rows {
            for j in 0..<cols {
                if color != .none {
                    if let c = a.color(i, j, r) { g[row + i, col + j] = Cell(ch: " ", fg: nil, bg: c) }
                } else if let l = a.level(i, j, r) {
                    g[row + i, col + j] = Cell(ch: isImage ? linearShade(l) : shade(l), fg: nil, bg: nil)
                }
            }
        }
    }

    /// A cell showing two stacked colours.
    func halfBlock(_ top: RGB?, _ bottom: RGB?) -> Cell {
        switch (top, bottom) {
        case let (t?, b?): return Cell(ch: "▀", fg: t, bg: b)
        case let (t?, nil): return Cell(ch: "▀", fg: t, bg: nil)
        case let (nil, b?): return Cell(ch: "▄", fg: b, bg: nil)
        case (nil, nil): return Cell()
        }
    }

    /// The ramp glyph for a level in [0, 1]: the ends only for exact extremes.
    func shade(_ level: Double) -> Unicode.Scalar {
        let ramp = charset.shades
        let n = ramp.count
        if level <= 1e-9 { return ramp[0] }
        if level >= 1 - 1e-9 { return ramp[n - 1] }
        return ramp[min(n - 2, max(1, 1 + Int(level * Double(n - 2))))]
    }

    /// The nearest ramp glyph (images: brightness spread over the whole ramp).
    func linearShade(_ level: Double) -> Unicode.Scalar {
        let ramp = charset.shades
        return ramp[clampIndex((level * Double(ramp.count - 1)).rounded(), ramp.count)]
    }

    /// A two-column vertical colour bar, high at the top.
    func drawColorBar(_ cb: ColorBar, into g: inout CellGrid, row: Int, col: Int, rows: Int) {
        let r = Raster(rows: 1, cols: 1, channels: 1, values: [], lo: 0, hi: 1, colorMap: cb.colorMap)
        for i in 0..<rows {
            let cell: Cell
            if color != .none && charset != .ascii {
                let n = Double(max(1, 2 * rows - 1))
                cell = halfBlock(r.color(scalar: 1 - Double(2 * i) / n), r.color(scalar: 1 - Double(2 * i + 1) / n))
            } else if color != .none {
                cell = Cell(ch: " ", fg: nil, bg: r.color(scalar: 1 - Double(i) / Double(max(1, rows - 1))))
            } else {
                cell = Cell(ch: shade(1 - Double(i) / Double(max(1, rows - 1))), fg: nil, bg: nil)
            }
            g[row + i, col] = cell
            g[row + i, col + 1] = cell
        }
    }
}
