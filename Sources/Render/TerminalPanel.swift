/// Draws one ``Panel`` into a ``CellGrid`` of a given width: frame with ticks, tick labels,
/// title, axis labels, the plot canvas (or heatmap cells), and a legend or colour bar placed
/// outside the plot area so it never hides data.
struct TerminalPanel {
    let panel: Panel
    let charset: Charset
    let color: ColorMode

    /// Frame glyphs: corners, edges and tick marks.
    var frame: (tl: String, tr: String, bl: String, br: String, h: String, v: String, ytick: String, xtick: String) {
        charset == .ascii ? ("+", "+", "+", "+", "-", "|", "+", "+")
                          : ("┌", "┐", "└", "┘", "─", "│", "┤", "┬")
    }

    var raster: (Raster, Double, Double, Double, Double)? {
        for m in panel.marks { if case let .raster(r, x0, y0, x1, y1) = m { return (r, x0, y0, x1, y1) } }
        return nil
    }

    /// Renders the panel `width` columns wide; `height` is the plot area in rows (auto if nil).
    func render(width: Int, height: Int?) -> CellGrid {
        let p = panel
        // Left block: y label, tick labels, one space.
        let provisional = Panel.ticks(p.yAxis, p.ylo, p.yhi, target: 4)
        var ylabelText = p.ylabel.map { CellGrid.truncate($0, max(4, width / 6)) }
        var yl = ylabelText.map { CellGrid.width($0) + 1 } ?? 0
        var labelW = provisional.map { CellGrid.width($0.label) }.max() ?? 0
        // Right block: legend or colour bar.
        let legendLabels = p.legend.map { CellGrid.truncate($0.label, 24) }
        var rightW = legendLabels.isEmpty ? 0 : 5 + (legendLabels.map(CellGrid.width).max() ?? 0)
        var barLabels: (hi: String, lo: String, label: String)? = nil
        if let cb = p.colorBar {
            let b = (Ticks.plain(cb.hi), Ticks.plain(cb.lo), CellGrid.truncate(cb.label, 14))
            barLabels = b
            rightW = 4 + max(CellGrid.width(b.0), CellGrid.width(b.1), CellGrid.width(b.2))
        }
        var legendBelow = false
        var avail = width - yl - labelW - 1 - 2 - rightW
        // A narrow heatmap panel (grids) drops the colour bar's label, then the y label, to
        // leave the cells room.
        if let b = barLabels, avail < width / 2 {
            barLabels = (b.hi, b.lo, "")
            let narrower = 4 + max(CellGrid.width(b.hi), CellGrid.width(b.lo))
            avail += rightW - narrower
            rightW = narrower
            if avail < width / 2, raster != nil {
                avail += yl
                yl = 0
                ylabelText = nil
            }
        }
        let chartRows = max(2, height ?? max(6, min(15, width / 5)))
        let tooMany = raster == nil && legendLabels.count > chartRows
        if (avail < max(12, width / 2) || tooMany), !legendLabels.isEmpty {
            legendBelow = true
            avail += rightW
            rightW = 0
        }
        avail = max(4, avail)
        // Plot area size.
        var innerW = avail
        var rows: Int
        var pixelRows: Int? = nil
        if let (r, _, _, _, _) = raster {
            if p.keepsAspect {
                (innerW, rows) = Self.rasterSize(rows: r.rows, cols: r.cols, availW: avail, maxRows: height ?? 25)
            } else {
                let size = Self.heatmapSize(rows: r.rows, cols: r.cols, availW: avail,
                                            maxRows: height ?? Self.heatmapRows(width: width),
                                            pixelsPerRow: pixelsPerRow)
                (innerW, rows, pixelRows) = (size.cols, size.rows, size.pixels)
            }
        } else {
            rows = chartRows
        }
        let yticks = Panel.ticks(p.yAxis, p.ylo, p.yhi, target: max(1, min(5, rows / 3)))
        labelW = max(labelW, yticks.map { CellGrid.width($0.label) }.max() ?? 0)
        let xticks = Panel.ticks(p.xAxis, p.xlo, p.xhi, target: max(2, min(8, innerW / 10)))

        let titleRows = p.title == nil ? 0 : 1
        let top = titleRows
        let fl = yl + labelW + 1, fr = fl + innerW + 1
        let bottom = top + rows + 1
        var total = bottom + 1
        let xtickRow = total
        if !xticks.isEmpty { total += 1 }
        let xlabelRow = total
        if p.xlabel != nil { total += 1 }
        let legendRow = total
        if legendBelow { total += legendLabels.count }
        var g = CellGrid(width: max(width, fr + 1 + rightW), height: total)

        if let t = p.title {
            let s = CellGrid.truncate(t, g.width)
            g.put(s, row: 0, col: max(0, fl + (innerW + 2 - CellGrid.width(s)) / 2))
        }
        // Frame.
        let f = frame
        g.put(f.tl + String(repeating: f.h, count: innerW) + f.tr, row: top, col: fl)
        g.put(f.bl + String(repeating: f.h, count: innerW) + f.br, row: bottom, col: fl)
        for r in top + 1..<bottom { g.put(f.v, row: r, col: fl); g.put(f.v, row: r, col: fr) }
        // Y ticks.
        var usedRows = Set<Int>()
        for t in yticks {
            let fy = (t.value - p.ylo) / (p.yhi - p.ylo)
            let f01 = p.yInverted ? fy : 1 - fy
            guard f01 >= -1e-9, f01 <= 1 + 1e-9 else { continue }
            let r = top + 1 + min(rows - 1, max(0, Int(f01 * Double(rows))))
            guard usedRows.insert(r).inserted else { continue }
            g.put(f.ytick, row: r, col: fl)
            let w = CellGrid.width(t.label)
            g.put(t.label, row: r, col: fl - 1 - w)
        }
        if let yt = ylabelText { g.put(yt, row: top + 1 + (rows - 1) / 2, col: 0) }
        // X ticks.
        var lastEnd = -1
        let slot = max(1, innerW / max(1, xticks.count) - 1)
        // Categories that cannot all be labelled: label every k-th, evenly.
        var every = 1
        if case .categories = p.xAxis, slot < 3 {
            let w = (xticks.map { CellGrid.width($0.label) }.max() ?? 1) + 1
            every = max(1, (xticks.count * w + innerW - 1) / max(1, innerW))
        }
        for (index, t) in xticks.enumerated() where index % every == 0 {
            let fx = (t.value - p.xlo) / (p.xhi - p.xlo)
            guard fx >= -1e-9, fx <= 1 + 1e-9 else { continue }
            let c = fl + 1 + min(innerW - 1, max(0, Int(fx * Double(innerW))))
            g.put(f.xtick, row: bottom, col: c)
            var label = t.label
            if case .categories = p.xAxis, slot >= 3 { label = CellGrid.truncate(label, slot) }
            let w = CellGrid.width(label)
            let start = max(0, min(c - (w - 1) / 2, g.width - w))
            if start > lastEnd {
                g.put(label, row: xtickRow, col: start)
                lastEnd = start + w
            }
        }
        if let xl = p.xlabel {
            let s = CellGrid.truncate(xl, g.width)
            g.put(s, row: xlabelRow, col: max(0, fl + 1 + (innerW - CellGrid.width(s)) / 2))
        }
        // Contents.
        if let (r, _, _, _, _) = raster {
            drawRaster(r, into: &g, row: top + 1, col: fl + 1, rows: rows, cols: innerW, pixels: pixelRows)
        } else {
            var canvas = PixelCanvas(cols: innerW, rows: rows, charset: charset)
            drawMarks(into: &canvas)
            canvas.draw(into: &g, row: top + 1, col: fl + 1)
            drawTexts(into: &g, row: top + 1, col: fl + 1, rows: rows, cols: innerW)
        }
        // Legend / colour bar.
        for (i, e) in p.legend.enumerated() {
            let row = legendBelow ? legendRow + i : top + 1 + i
            let col = legendBelow ? fl + 1 : fr + 2
            if !legendBelow && i >= rows { break }
            let mk = marker(e.style, variant: variant(i))
            g.put(mk, row: row, col: col, fg: e.color)
            g.put(legendLabels[i], row: row, col: col + CellGrid.width(mk) + 1)
        }
        if let cb = p.colorBar, let b = barLabels {
            drawColorBar(cb, into: &g, row: top + 1, col: fr + 2, rows: rows)
            g.put(b.hi, row: top + 1, col: fr + 5)
            g.put(b.lo, row: top + rows, col: fr + 5)
            if rows >= 3, !b.label.isEmpty { g.put(b.label, row: top + 1 + (rows - 1) / 2, col: fr + 5) }
        }
        return g
    }

    /// Without colour, series 1, 2, 3 … cycle through solid/dotted/dashed lines and
    /// dot/plus/cross markers so they stay distinguishable; with colour all are solid dots.
    func variant(_ series: Int) -> Int { color == .none ? series % 3 : 0 }

    func marker(_ s: LegendStyle, variant v: Int) -> String {
        let ascii = charset == .ascii
        switch s {
        case .line: return (ascii ? ["--", "..", "-."] : ["──", "┈┈", "╌╌"])[v % 3]
        case .point: return (ascii ? ["o", "+", "x"] : ["●", "+", "×"])[v % 3]
        case .box: return ascii ? "##" : "██"
        }
    }

    /// Raster pixels per text row: 2 with colour (half blocks), else 1 (one shade per cell).
    var pixelsPerRow: Int { color != .none && charset != .ascii ? 2 : 1 }

    /// Default heatmap height in text rows for a panel `width` columns wide: a quarter of the
    /// width, at least 12 (panels of a grid) and at most 24 (20 rows at 80 columns).
    static func heatmapRows(width: Int) -> Int { min(24, max(12, width / 4)) }

    /// Plot-area size (columns, text rows) for a heatmap: each axis is stretched on its own to
    /// fill the space (matplotlib's `aspect="auto"`), so a tall 1000×64 routing mask uses the
    /// whole width and `maxRows` rows instead of a sliver of square pixels.
    ///
    /// - Width: `availW` columns; when the data has fewer columns, a whole multiple of them
    ///   (crisp, equal cells) if that fills at least two thirds of `availW`.
    /// - Height: `maxRows · pixelsPerRow` pixels (a half-block character is two pixels). Data
    ///   with fewer rows gets a whole multiple of them by the same two-thirds rule, but a data
    ///   cell is never drawn more than twice as tall as it is wide (a character is about twice
    ///   as tall as wide), so a small matrix is not blown up into tall stripes.
    ///
    /// Each pixel then shows the mean of the data block it covers (``BlockAverage``). Returns
    /// the size in columns and text rows, and the number of pixel rows (the last half block's
    /// lower pixel stays empty when it is odd).
    static func heatmapSize(rows: Int, cols: Int, availW: Int, maxRows: Int,
                            pixelsPerRow: Int) -> (cols: Int, rows: Int, pixels: Int) {
        let R = max(1, rows), C = max(1, cols), A = max(1, availW), ppr = max(1, pixelsPerRow)
        func fill(_ n: Int, _ space: Int) -> Int {
            guard n < space else { return space }
            let k = space / n
            return 3 * n * k >= 2 * space ? n * k : space
        }
        let w = fill(C, A)
        // Tallest cell allowed: twice its width, i.e. `2 · (w / C)` character widths, which is
        // `(w / C) · ppr` pixels (a pixel is 2 / ppr character widths tall).
        let tallest = max(1, w * ppr / C)
        let limit = min(max(1, maxRows) * ppr, R <= Int.max / tallest ? R * tallest : Int.max)
        let px = fill(R, limit)
        return (w, max(1, (px + ppr - 1) / ppr), px)
    }

    /// Plot-area size for an image: whole multiples of the data when it is smaller than the
    /// space (crisp cells), else block-averaged with square pixels (half blocks are 1×2).
    static func rasterSize(rows: Int, cols: Int, availW: Int, maxRows: Int) -> (Int, Int) {
        let maxPx = 2 * max(1, maxRows)
        if cols <= availW && rows <= maxPx {
            let k = max(1, min(availW / cols, maxPx / rows))
            return (cols * k, max(1, (rows * k + 1) / 2))
        }
        var w = min(availW, cols)
        var px = Int((Double(w) * Double(rows) / Double(cols)).rounded())
        if px > maxPx {
            px = maxPx
            w = max(1, min(availW, Int((Double(px) * Double(cols) / Double(rows)).rounded())))
        }
        return (max(1, w), max(1, (max(1, px) + 1) / 2))
    }

    // MARK: - Canvas marks

    func drawMarks(into canvas: inout PixelCanvas) {
        let p = panel
        let W = Double(canvas.width), H = Double(canvas.height)
        func sx(_ x: Double) -> Double { (x - p.xlo) / (p.xhi - p.xlo) * W }
        func sy(_ y: Double) -> Double {
            p.yInverted ? (y - p.ylo) / (p.yhi - p.ylo) * H : (p.yhi - y) / (p.yhi - p.ylo) * H
        }
        func pixel(_ v: Double, _ n: Double) -> Int? {
            guard v.isFinite, v >= 0, v <= n else { return nil }
            return min(Int(n) - 1, Int(v))
        }
        var lines = 0, groups = 0
        for m in p.marks {
            switch m {
            case let .polyline(pts, c):
                let pattern = variant(lines)
                lines += 1
                var phase = 0
                var prev: Point? = nil
                for (i, q) in pts.enumerated() {
                    guard q.x.isFinite, q.y.isFinite else { prev = nil; continue }
                    if let a = prev {
                        canvas.line(sx(a.x), sy(a.y), sx(q.x), sy(q.y), c, pattern: pattern, phase: &phase)
                    } else {
                        let next = i + 1 < pts.count ? pts[i + 1] : nil
                        if next.map({ !$0.x.isFinite || !$0.y.isFinite }) ?? true,
                           let x = pixel(sx(q.x), W), let y = pixel(sy(q.y), H) { canvas.set(x, y, c) }
                    }
                    prev = q
                }
            case let .points(pts, c):
                let shape = variant(groups)
                groups += 1
                for q in pts {
                    guard let x = pixel(sx(q.x), W), let y = pixel(sy(q.y), H) else { continue }
                    canvas.set(x, y, c)
                    if shape == 1 { for (dx, dy) in [(-1, 0), (1, 0), (0, -1), (0, 1)] { canvas.set(x + dx, y + dy, c) } }
                    if shape == 2 { for (dx, dy) in [(-1, -1), (1, 1), (1, -1), (-1, 1)] { canvas.set(x + dx, y + dy, c) } }
                }
            case let .rect(x0, y0, x1, y1, c):
                canvas.fill(sx(x0), sy(y1), sx(x1), sy(y0), c)
            case .raster, .text:
                break
            }
        }
    }

    func drawTexts(into g: inout CellGrid, row: Int, col: Int, rows: Int, cols: Int) {
        let p = panel
        for m in p.marks {
            guard case let .text(s, q, anchor) = m else { continue }
            let fx = (q.x - p.xlo) / (p.xhi - p.xlo), fy = (q.y - p.ylo) / (p.yhi - p.ylo)
            guard fx >= 0, fx <= 1, fy >= 0, fy <= 1 else { continue }
            let c = col + Int(fx * Double(cols)), r = row + Int((p.yInverted ? fy : 1 - fy) * Double(rows))
            let w = CellGrid.width(s)
            let start = anchor == .left ? c : anchor == .right ? c - w : c - w / 2
            g.put(s, row: min(row + rows - 1, max(row, r)), col: max(col, start))
        }
    }
}
