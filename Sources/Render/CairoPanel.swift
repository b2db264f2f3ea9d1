import CCairo

/// Lays out and draws one ``Panel`` inside a rectangle of a cairo surface: plot area, grid
/// lines, marks (clipped), frame, ticks, labels, and the legend or colour bar to the right.
struct CairoPanel {
    let panel: Panel
    let pen: CairoPen
    let box: Rect

    // Font sizes and spacing (user units; 1 unit = 1 px in a PNG at scale 1).
    static let tickSize = 10.5, labelSize = 12.0, titleSize = 13.5
    static let tickLength = 4.0

    /// Where everything goes.
    struct Geometry {
        var plot: Rect
        var xticks: [Tick]
        var yticks: [Tick]
        var legendLabelWidth: Double
        var barTicks: [Tick]
    }

    var raster: Raster? {
        for m in panel.marks { if case let .raster(r, _, _, _, _) = m { return r } }
        return nil
    }

    func geometry() -> Geometry {
        let p = panel
        let titleH = p.title == nil ? 10.0 : 28.0
        let yticks = Panel.ticks(p.yAxis, p.ylo, p.yhi, target: max(2, min(8, Int(box.h / 70))))
        let tickW = yticks.map { pen.textWidth($0.label, size: Self.tickSize) }.max() ?? 0
        var left = 10 + (p.ylabel == nil ? 0 : 20) + (p.yAxis == .hidden ? 0 : tickW + Self.tickLength + 4)
        let bottom: Double = 8 + (p.xAxis == .hidden ? 0 : 20) + (p.xlabel == nil ? 0 : 20)
        var right = 16.0
        let legendW = p.legend.map { pen.textWidth($0.label, size: Self.tickSize) }.max() ?? 0
        if !p.legend.isEmpty { right = 14 + 24 + 6 + legendW + 10 }
        var barTicks: [Tick] = []
        if let cb = p.colorBar {
            barTicks = Ticks.linear(cb.lo, cb.hi, target: 5)
            if cb.hi <= cb.lo { barTicks = [Tick(value: cb.lo, label: Ticks.plain(cb.lo))] }
            let w = barTicks.map { pen.textWidth($0.label, size: Self.tickSize) }.max() ?? 0
            right = 14 + 16 + Self.tickLength + 4 + w + (cb.label.isEmpty ? 0 : 22) + 8
        }
        if left + right > box.w - 40 { left = max(4, box.w - right - 40) }
        var plot = Rect(x: box.x + left, y: box.y + titleH, w: max(20, box.w - left - right), h: max(20, box.h - titleH - bottom))
        if let r = raster, p.xAxis == .hidden {
            // Images keep square pixels.
            let aspect = Double(r.rows) / Double(max(1, r.cols))
            let w = min(plot.w, plot.h / aspect), h = w * aspect
            plot = Rect(x: plot.x + (plot.w - w) / 2, y: plot.y + (plot.h - h) / 2, w: w, h: h)
        }
        let xticks = Panel.ticks(p.xAxis, p.xlo, p.xhi, target: max(2, min(10, Int(plot.w / 75))))
        return Geometry(plot: plot, xticks: xticks, yticks: yticks, legendLabelWidth: legendW, barTicks: barTicks)
    }

    func X(_ x: Double, _ g: Geometry) -> Double { g.plot.x + (x - panel.xlo) / (panel.xhi - panel.xlo) * g.plot.w }
    func Y(_ y: Double, _ g: Geometry) -> Double {
        let f = (y - panel.ylo) / (panel.yhi - panel.ylo)
        return panel.yInverted ? g.plot.y + f * g.plot.h : g.plot.maxY - f * g.plot.h
    }

    func draw(_ g: Geometry) throws(RenderError) {
        let p = panel, lib = pen.lib, cr = pen.cr
        let inX = { (v: Double) in v >= min(p.xlo, p.xhi) - 1e-9 && v <= max(p.xlo, p.xhi) + 1e-9 }
        let inY = { (v: Double) in v >= min(p.ylo, p.yhi) - 1e-9 && v <= max(p.ylo, p.yhi) + 1e-9 }
        if p.gridLines {
            let categorical: Bool
            if case .categories = p.xAxis { categorical = true } else { categorical = false }
            for t in g.xticks where inX(t.value) && !categorical { pen.line(X(t.value, g), g.plot.y, X(t.value, g), g.plot.maxY, width: 0.8, color: .gridLine) }
            for t in g.yticks where inY(t.value) { pen.line(g.plot.x, Y(t.value, g), g.plot.maxX, Y(t.value, g), width: 0.8, color: .gridLine) }
        }
        lib.save(cr)
        pen.clip(g.plot)
        for m in p.marks { try drawMark(m, g) }
        lib.restore(cr)
        pen.strokeRect(g.plot, width: 1, color: .axis)
        // Ticks and labels.
        var lastRight = -Double.infinity
        for t in g.xticks where inX(t.value) {
            let x = X(t.value, g)
            pen.line(x, g.plot.maxY, x, g.plot.maxY + Self.tickLength, width: 1, color: .axis)
            let w = pen.textWidth(t.label, size: Self.tickSize)
            if x - w / 2 > lastRight + 4 {
                pen.text(t.label, x, g.plot.maxY + Self.tickLength + 3, size: Self.tickSize, h: .center, v: .top)
                lastRight = x + w / 2
            }
        }
        for t in g.yticks where inY(t.value) {
            let y = Y(t.value, g)
            pen.line(g.plot.x - Self.tickLength, y, g.plot.x, y, width: 1, color: .axis)
            pen.text(t.label, g.plot.x - Self.tickLength - 3, y, size: Self.tickSize, h: .right, v: .middle)
        }
        // Labels are measured and fitted to the room they have (smaller type, then "…"): never cut.
        if let t = p.title {
            let (text, size) = fitted(t, size: Self.titleSize, bold: true, into: box.w - 8)
            let x = min(max(g.plot.x + g.plot.w / 2, box.x + 4 + pen.textWidth(text, size: size, bold: true) / 2),
                        box.maxX - 4 - pen.textWidth(text, size: size, bold: true) / 2)
            pen.text(text, x, box.y + 18, size: size, bold: true, h: .center)
        }
        if let t = p.xlabel {
            let (text, size) = fitted(t, size: Self.labelSize, into: box.w - 8)
            let half = pen.textWidth(text, size: size) / 2
            let x = min(max(g.plot.x + g.plot.w / 2, box.x + 4 + half), box.maxX - 4 - half)
            pen.text(text, x, box.maxY - 8, size: size, h: .center, v: .bottom)
        }
        if let t = p.ylabel {
            let (text, size) = fitted(t, size: Self.labelSize, into: box.h - 8)
            let half = pen.textWidth(text, size: size) / 2
            let y = min(max(g.plot.y + g.plot.h / 2, box.y + 4 + half), box.maxY - 4 - half)
            pen.text(text, box.x + 8, y, size: size, h: .center, v: .top, angle: -Double.pi / 2)
        }
        drawLegend(g)
        try drawColorBar(g)
    }

    /// `text` at `size`, or at a smaller size (down to 8) when it is wider than `room`, or
    /// shortened with "…" when even that does not fit.
    func fitted(_ text: String, size: Double, bold: Bool = false, into room: Double) -> (String, Double) {
        let w = pen.textWidth(text, size: size, bold: bold)
        guard w > room, w > 0 else { return (text, size) }
        let smaller = max(8, size * room / w)
        if pen.textWidth(text, size: smaller, bold: bold) <= room { return (text, smaller) }
        var cut = text
        while !cut.isEmpty && pen.textWidth(cut + "…", size: smaller, bold: bold) > room { cut.removeLast() }
        return (cut + "…", smaller)
    }

    func drawMark(_ m: Mark, _ g: Geometry) throws(RenderError) {
        let lib = pen.lib, cr = pen.cr
        switch m {
        case let .polyline(pts, c):
            pen.color(c)
            lib.set_line_width(cr, 1.6)
            lib.set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
            lib.set_line_cap(cr, CAIRO_LINE_CAP_ROUND)
            lib.new_path(cr)
            var down = false
            for q in pts {
                guard q.x.isFinite, q.y.isFinite else { down = false; continue }
                if down { lib.line_to(cr, X(q.x, g), Y(q.y, g)) } else { lib.move_to(cr, X(q.x, g), Y(q.y, g)) }
                down = true
            }
            lib.stroke(cr)
        case let .points(pts, c):
            pen.color(c, alpha: 0.8)
            lib.new_path(cr)
            for q in pts where q.x.isFinite && q.y.isFinite {
                let x = X(q.x, g), y = Y(q.y, g)
                lib.move_to(cr, x + 2.6, y)
                lib.arc(cr, x, y, 2.6, 0, 2 * Double.pi)
            }
            lib.fill(cr)
        case let .rect(x0, y0, x1, y1, c):
            let a = X(x0, g), b = X(x1, g), t = Y(y1, g), u = Y(y0, g)
            let r = Rect(x: min(a, b), y: min(t, u), w: abs(b - a), h: abs(u - t))
            pen.fillRect(r, c)
            if r.w > 3 { pen.strokeRect(r, width: 0.6, color: .white) }
        case let .raster(r, x0, y0, x1, y1):
            let s = try pen.imageSurface(r)
            let a = X(x0, g), b = X(x1, g), t = Y(y0, g), u = Y(y1, g)
            pen.image(s, cols: r.cols, rows: r.rows, in: Rect(x: min(a, b), y: min(t, u), w: abs(b - a), h: abs(u - t)))
            lib.surface_destroy(s)
        case let .text(s, q, anchor):
            let h: CairoPen.HAlign = anchor == .left ? .left : anchor == .right ? .right : .center
            let v: CairoPen.VAlign = anchor == .top ? .top : anchor == .bottom ? .bottom : .middle
            pen.text(s, X(q.x, g), Y(q.y, g), size: Self.tickSize, h: h, v: v)
        }
    }

    func drawLegend(_ g: Geometry) {
        let lib = pen.lib, cr = pen.cr
        let x = g.plot.maxX + 14
        for (i, e) in panel.legend.enumerated() {
            let y = g.plot.y + 10 + Double(i) * 18
            switch e.style {
            case .line:
                pen.line(x, y, x + 24, y, width: 2, color: e.color)
            case .point:
                pen.color(e.color, alpha: 0.8)
                lib.new_path(cr)
                lib.arc(cr, x + 12, y, 3.5, 0, 2 * Double.pi)
                lib.fill(cr)
            case .box:
                pen.fillRect(Rect(x: x + 6, y: y - 6, w: 12, h: 12), e.color)
            }
            pen.text(e.label, x + 30, y, size: Self.tickSize, v: .middle)
        }
    }

    func drawColorBar(_ g: Geometry) throws(RenderError) {
        guard let cb = panel.colorBar else { return }
        let bar = Rect(x: g.plot.maxX + 14, y: g.plot.y, w: 16, h: g.plot.h)
        let ramp = Raster(rows: 256, cols: 1, channels: 1, values: (0..<256).map { Double(255 - $0) / 255 },
                          lo: 0, hi: 1, colorMap: cb.colorMap)
        let s = try pen.imageSurface(ramp)
        pen.image(s, cols: 1, rows: 256, in: bar)
        pen.lib.surface_destroy(s)
        pen.strokeRect(bar, width: 1, color: .axis)
        var widest = 0.0
        for t in g.barTicks {
            let f = cb.hi > cb.lo ? (t.value - cb.lo) / (cb.hi - cb.lo) : 0.5
            let y = bar.maxY - f * bar.h
            pen.line(bar.maxX, y, bar.maxX + Self.tickLength, y, width: 1, color: .axis)
            pen.text(t.label, bar.maxX + Self.tickLength + 3, y, size: Self.tickSize, v: .middle)
            widest = max(widest, pen.textWidth(t.label, size: Self.tickSize))
        }
        let lx = bar.maxX + Self.tickLength + 3 + widest + 8
        pen.text(cb.label, lx, bar.y + bar.h / 2, size: Self.labelSize, h: .center, v: .top, angle: -Double.pi / 2)
    }
}
