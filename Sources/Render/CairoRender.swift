import CCairo

/// A file format cairo can write.
public enum FileFormat: String, Sendable, CaseIterable {
    case png, svg, pdf

    /// The format for `fileName`'s extension, or an error naming the supported ones.
    /// ```swift
    /// try FileFormat.forFile("fig.svg")   // .svg
    /// try FileFormat.forFile("fig.jpg")   // error: cannot save a figure as '.jpg'; use .png, .svg or .pdf
    /// ```
    public static func forFile(_ fileName: String) throws(RenderError) -> FileFormat {
        if let f = FileFormat(fileName: fileName) { return f }
        let ext = fileName.lastIndex(of: ".").map { String(fileName[$0...]) } ?? "(no extension)"
        throw .option("cannot save a figure as '\(ext)'; use .png, .svg or .pdf")
    }

    /// The format for a file name's extension (`"plot.PNG"` → `.png`), or nil.
    public init?(fileName: String) {
        guard let dot = fileName.lastIndex(of: ".") else { return nil }
        self.init(rawValue: fileName[fileName.index(after: dot)...].lowercased())
    }
}

/// Collects the bytes cairo streams out.
final class ByteSink {
    var bytes: [UInt8] = []
}

/// cairo's write callback: appends to the `ByteSink` passed as the closure pointer.
let appendToSink: CairoLibrary.WriteFunc = { closure, data, length in
    guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
    let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
    sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
    return CAIRO_STATUS_SUCCESS
}

extension Figure {
    /// The figure's size in user units: the `width`/`height` options, else 640×480 for one
    /// plot and 480×360 per panel for a grid.
    var fileSize: (w: Double, h: Double) {
        var w = 640.0, h = 480.0
        if case let .grid(figs, cols) = content {
            let rows = (figs.count + cols - 1) / max(1, cols)
            w = 480 * Double(cols)
            h = 360 * Double(rows) + (options.title == nil ? 0 : 30)
        }
        return (Double(options.width ?? Int(w)), Double(options.height ?? Int(h)))
    }

    /// The figure drawn by cairo as the bytes of a PNG, SVG or PDF file (the caller writes them).
    ///
    /// One drawing path serves all three formats: anti-aliased lines, real text (DejaVu Sans),
    /// viridis heatmaps drawn as an image at full data resolution with nearest-neighbour
    /// scaling, so a 0/1 mask stays crisp and vector files keep every cell. The size is the
    /// `width`/`height` options (default 640×480) in pixels, or points for SVG/PDF. For PNG,
    /// `scale` multiplies the pixel size; by default it is the smallest whole factor (≤ 4)
    /// that gives every heatmap cell at least one pixel.
    /// ```swift
    /// let bytes = try fig.renderFile(format: .png)
    /// ```
    public func renderFile(format: FileFormat, scale: Double? = nil) throws(RenderError) -> [UInt8] {
        let lib = try CairoLibrary.get()
        let layout = try layout()
        let (w, h) = fileSize
        if let scale, !(scale >= 0.25 && scale <= 8) { throw .option("scale: expected 0.25…8, got \(Ticks.plain(scale))") }
        let sink = ByteSink()
        return try withExtendedLifetime(sink) { () throws(RenderError) -> [UInt8] in
            let closure = Unmanaged.passUnretained(sink).toOpaque()
            // Measure with a scratch surface to find the plot areas, then pick the PNG scale.
            let geometry = try Self.withContext(lib, lib.image_surface_create(CAIRO_FORMAT_RGB24, 1, 1)) { pen throws(RenderError) in
                Self.panelBoxes(layout, w, h).enumerated().map { i, box in
                    CairoPanel(panel: layout.panels[i], pen: pen, box: box).geometry()
                }
            }
            switch format {
            case .png:
                let s = scale ?? Self.autoScale(layout, geometry)
                guard w * s * h * s <= 64_000_000, w * s <= 32767, h * s <= 32767 else {
                    throw .option("the PNG would be \(Int(w * s))×\(Int(h * s)) pixels; the limit is 32767 per side and 64 megapixels")
                }
                let pw = Int32((w * s).rounded()), ph = Int32((h * s).rounded())
                let surface = lib.image_surface_create(CAIRO_FORMAT_RGB24, pw, ph)
                try Self.withContext(lib, surface, finish: false) { pen throws(RenderError) in
                    lib.scale(pen.cr, s, s)
                    try Self.draw(layout, pen: pen, w: w, h: h, geometry: geometry)
                }
                lib.surface_flush(surface)
                let st = lib.surface_write_to_png_stream(surface, appendToSink, closure)
                lib.surface_destroy(surface)
                guard st == CAIRO_STATUS_SUCCESS else { throw .backend("cairo could not write the PNG: \(lib.message(st))") }
            case .svg, .pdf:
                let surface = format == .svg ? lib.svg_surface_create_for_stream(appendToSink, closure, w, h)
                                             : lib.pdf_surface_create_for_stream(appendToSink, closure, w, h)
                try Self.withContext(lib, surface, finish: true) { pen throws(RenderError) in
                    try Self.draw(layout, pen: pen, w: w, h: h, geometry: geometry)
                }
                lib.surface_destroy(surface)
            }
            return format == .svg ? Self.crispImages(sink.bytes) : sink.bytes
        }
    }

    /// Marks every embedded image in an SVG as pixelated. cairo writes PDF images with
    /// `/Interpolate false` for the nearest filter, but its SVG carries no such hint, so viewers
    /// would blur a scaled-up mask.
    static func crispImages(_ svg: [UInt8]) -> [UInt8] {
        let tag = Array("<image ".utf8)
        let insert = Array("image-rendering=\"optimizeSpeed\" style=\"image-rendering:pixelated\" ".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(svg.count + 256)
        var i = 0
        while i < svg.count {
            if svg[i] == tag[0], i + tag.count <= svg.count, svg[i..<i + tag.count].elementsEqual(tag) {
                out += tag
                out += insert
                i += tag.count
            } else {
                out.append(svg[i])
                i += 1
            }
        }
        return out
    }

    /// Runs `body` with a pen on `surface`, checks cairo's status, and (when `finish`) finishes
    /// the surface so streamed formats flush every byte. Destroys the surface only if `finish`
    /// is nil-equivalent scratch use (`destroyScratch`).
    static func withContext<T>(_ lib: CairoLibrary, _ surface: CairoLibrary.Surface?, finish: Bool? = nil,
                               _ body: (CairoPen) throws(RenderError) -> T) throws(RenderError) -> T {
        guard let surface else { throw .backend("cairo could not create a surface") }
        let st = lib.surface_status(surface)
        guard st == CAIRO_STATUS_SUCCESS, let cr = lib.create(surface) else {
            if finish == nil { lib.surface_destroy(surface) }
            throw .backend("cairo could not create a surface: \(lib.message(st))")
        }
        defer {
            lib.destroy(cr)
            if finish == true { lib.surface_finish(surface) }
            if finish == nil { lib.surface_destroy(surface) }
        }
        let result = try body(CairoPen(lib: lib, cr: cr))
        let cst = lib.status(cr)
        guard cst == CAIRO_STATUS_SUCCESS else { throw .backend("cairo failed while drawing: \(lib.message(cst))") }
        return result
    }

    /// The rectangle of each panel: a grid of equal cells under an optional title band.
    static func panelBoxes(_ layout: Layout, _ w: Double, _ h: Double) -> [Rect] {
        let top = layout.title == nil ? 0.0 : 30.0
        let cols = max(1, layout.cols), rows = max(1, layout.rows)
        let cw = w / Double(cols), ch = (h - top) / Double(rows)
        return layout.panels.indices.map { i in
            Rect(x: Double(i % cols) * cw, y: top + Double(i / cols) * ch, w: cw, h: ch)
        }
    }

    /// The smallest whole scale (1…4) giving each raster cell at least one device pixel.
    static func autoScale(_ layout: Layout, _ geometry: [CairoPanel.Geometry]) -> Double {
        var s = 1.0
        for (p, g) in zip(layout.panels, geometry) {
            for m in p.marks {
                guard case let .raster(r, _, _, _, _) = m else { continue }
                s = max(s, (Double(r.cols) / g.plot.w).rounded(.up), (Double(r.rows) / g.plot.h).rounded(.up))
            }
        }
        return min(4, s)
    }

    static func draw(_ layout: Layout, pen: CairoPen, w: Double, h: Double, geometry: [CairoPanel.Geometry]) throws(RenderError) {
        pen.fillRect(Rect(x: 0, y: 0, w: w, h: h), .white)
        if let t = layout.title { pen.text(t, w / 2, 21, size: 15, bold: true, h: .center) }
        for (i, box) in panelBoxes(layout, w, h).enumerated() {
            try CairoPanel(panel: layout.panels[i], pen: pen, box: box).draw(geometry[i])
        }
    }
}
