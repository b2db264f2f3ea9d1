import CCairo

/// An axis-aligned rectangle in cairo user units (pixels for PNG, points for SVG/PDF).
struct Rect {
    var x: Double, y: Double, w: Double, h: Double
    var maxX: Double { x + w }
    var maxY: Double { y + h }
}

/// A cairo context plus the few drawing helpers the figure painter needs.
struct CairoPen {
    let lib: CairoLibrary
    let cr: CairoLibrary.Context

    enum HAlign { case left, center, right }
    enum VAlign { case top, middle, baseline, bottom }

    static let font = "DejaVu Sans"

    func color(_ c: RGB, alpha: Double = 1) {
        let (r, g, b) = c.unit
        if alpha >= 1 { lib.set_source_rgb(cr, r, g, b) } else { lib.set_source_rgba(cr, r, g, b, alpha) }
    }

    func font(_ size: Double, bold: Bool = false) {
        lib.select_font_face(cr, Self.font, CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        lib.set_font_size(cr, size)
    }

    /// Advance width of `s` in the given font.
    func textWidth(_ s: String, size: Double, bold: Bool = false) -> Double {
        font(size, bold: bold)
        var e = cairo_text_extents_t()
        lib.text_extents(cr, s, &e)
        return e.x_advance
    }

    /// Draws `s` aligned at (`x`, `y`), optionally rotated by `angle` radians about that point.
    func text(_ s: String, _ x: Double, _ y: Double, size: Double, bold: Bool = false,
              h: HAlign = .left, v: VAlign = .baseline, angle: Double = 0, color c: RGB = .black) {
        guard !s.isEmpty else { return }
        let w = textWidth(s, size: size, bold: bold)
        let dx: Double = h == .left ? 0 : h == .center ? -w / 2 : -w
        let dy: Double
        switch v {
        case .baseline: dy = 0
        case .top: dy = size * 0.76
        case .middle: dy = size * 0.36
        case .bottom: dy = -size * 0.24
        }
        lib.save(cr)
        color(c)
        lib.translate(cr, x, y)
        if angle != 0 { lib.rotate(cr, angle) }
        lib.move_to(cr, dx, dy)
        lib.show_text(cr, s)
        lib.new_path(cr)
        lib.restore(cr)
    }

    func line(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, width: Double, color c: RGB) {
        color(c)
        lib.set_line_width(cr, width)
        lib.new_path(cr)
        lib.move_to(cr, x0, y0)
        lib.line_to(cr, x1, y1)
        lib.stroke(cr)
    }

    func fillRect(_ r: Rect, _ c: RGB, alpha: Double = 1) {
        color(c, alpha: alpha)
        lib.new_path(cr)
        lib.rectangle(cr, r.x, r.y, r.w, r.h)
        lib.fill(cr)
    }

    func strokeRect(_ r: Rect, width: Double, color c: RGB) {
        color(c)
        lib.set_line_width(cr, width)
        lib.new_path(cr)
        lib.rectangle(cr, r.x, r.y, r.w, r.h)
        lib.stroke(cr)
    }

    func clip(_ r: Rect) {
        lib.new_path(cr)
        lib.rectangle(cr, r.x, r.y, r.w, r.h)
        lib.clip(cr)
    }

    /// Paints `surface` (an image `cols × rows` pixels) over `r`, pixels kept square-edged
    /// (nearest-neighbour filter: a 0/1 mask stays crisp at any zoom).
    func image(_ surface: CairoLibrary.Surface, cols: Int, rows: Int, in r: Rect) {
        lib.save(cr)
        lib.translate(cr, r.x, r.y)
        lib.scale(cr, r.w / Double(cols), r.h / Double(rows))
        lib.new_path(cr)
        lib.rectangle(cr, 0, 0, Double(cols), Double(rows))
        lib.clip(cr)
        lib.set_source_surface(cr, surface, 0, 0)
        lib.pattern_set_filter(lib.get_source(cr), CAIRO_FILTER_NEAREST)
        lib.paint(cr)
        lib.restore(cr)
    }

    /// A new ARGB image surface holding `r`'s colours (NaN cells transparent).
    func imageSurface(_ r: Raster) throws(RenderError) -> CairoLibrary.Surface {
        guard r.rows > 0, r.cols > 0, r.rows <= 32767, r.cols <= 32767 else {
            throw .data("cannot draw a \(r.rows)×\(r.cols) raster (each side must be 1…32767)")
        }
        guard let s = lib.image_surface_create(CAIRO_FORMAT_ARGB32, Int32(r.cols), Int32(r.rows)) else {
            throw .backend("cairo could not create a \(r.rows)×\(r.cols) image")
        }
        let st = lib.surface_status(s)
        guard st == CAIRO_STATUS_SUCCESS, let data = lib.image_surface_get_data(s) else {
            lib.surface_destroy(s)
            throw .backend("cairo could not create a \(r.rows)×\(r.cols) image: \(lib.message(st))")
        }
        lib.surface_flush(s)
        let stride = Int(lib.image_surface_get_stride(s))
        func argb(_ c: RGB) -> UInt32 { 0xFF00_0000 | UInt32(c.r) << 16 | UInt32(c.g) << 8 | UInt32(c.b) }
        let lut: [UInt32] = (0..<256).map { i in
            let t = Double(i) / 255
            return argb(r.colorMap == .viridis ? Viridis.color(t) : RGB(unit: t, t, t))
        }
        let span = r.hi - r.lo
        let k = span > 0 ? 255 / span : 0
        r.values.withUnsafeBufferPointer { v in
            for i in 0..<r.rows {
                let row = UnsafeMutableRawPointer(data + i * stride).assumingMemoryBound(to: UInt32.self)
                let base = i * r.cols * r.channels
                for j in 0..<r.cols {
                    if r.channels == 3 {
                        let p = base + 3 * j
                        let ok = v[p].isFinite && v[p + 1].isFinite && v[p + 2].isFinite
                        row[j] = ok ? argb(RGB(unit: v[p], v[p + 1], v[p + 2])) : 0
                    } else {
                        let x = v[base + j]
                        if !x.isFinite { row[j] = 0; continue }
                        let t = span > 0 ? (x - r.lo) * k : 127.5
                        row[j] = lut[clampIndex(t.rounded(), 256)]
                    }
                }
            }
        }
        lib.surface_mark_dirty(s)
        return s
    }
}
