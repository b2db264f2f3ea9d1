/// The glyph set a terminal canvas uses to draw sub-character pixels.
public enum Charset: Sendable, Equatable {
    /// Braille patterns: 2×4 pixels per cell (finest).
    case braille
    /// Quadrant blocks: 2×2 pixels per cell; heatmaps use half blocks (1×2).
    case blocks
    /// Plain ASCII: 2×2 pixels per cell drawn with punctuation.
    case ascii

    /// Pixels per cell (columns, rows).
    var pixels: (w: Int, h: Int) {
        switch self {
        case .braille: return (2, 4)
        case .blocks, .ascii: return (2, 2)
        }
    }

    /// Braille dot bit for pixel (x, y) of a cell.
    static let brailleBits: [[UInt8]] = [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]]
    /// Quadrant glyphs indexed by bitmask (TL 1, TR 2, BL 4, BR 8).
    static let quadrants: [Unicode.Scalar] = [" ", "▘", "▝", "▀", "▖", "▌", "▞", "▛", "▗", "▚", "▐", "▜", "▄", "▙", "▟", "█"]
    /// ASCII glyphs indexed by the same 2×2 bitmask.
    static let asciiQuads: [Unicode.Scalar] = [" ", "'", "'", "\"", ".", "|", "/", "F", ".", "\\", "|", "7", "_", "L", "J", "#"]

    /// Bit for pixel (x, y) within a cell.
    func bit(_ x: Int, _ y: Int) -> UInt8 {
        switch self {
        case .braille: return Charset.brailleBits[y][x]
        case .blocks, .ascii: return UInt8(1 << (y * 2 + x))
        }
    }

    /// The glyph showing a cell's pixel bitmask (a lookup, as UnicodePlots does).
    func glyph(_ mask: UInt8) -> Unicode.Scalar {
        switch self {
        case .braille: return Unicode.Scalar(0x2800 + UInt32(mask)) ?? " "
        case .blocks: return Charset.quadrants[Int(mask & 15)]
        case .ascii: return Charset.asciiQuads[Int(mask & 15)]
        }
    }

    /// Shade ramp from empty to full, for heatmaps without colour.
    var shades: [Unicode.Scalar] {
        self == .ascii ? [" ", ".", ":", "-", "=", "+", "*", "#", "%", "@"] : [" ", "░", "▒", "▓", "█"]
    }
}

/// A grid of sub-character pixels in `cols × rows` cells. Each cell keeps a bitmask of its lit
/// pixels and the colour of the last mark drawn into it.
struct PixelCanvas {
    let cols: Int, rows: Int
    let charset: Charset
    let pw: Int, ph: Int
    private(set) var mask: [UInt8]
    private(set) var color: [RGB?]

    init(cols: Int, rows: Int, charset: Charset) {
        self.cols = max(1, cols)
        self.rows = max(1, rows)
        self.charset = charset
        (pw, ph) = charset.pixels
        mask = Array(repeating: 0, count: self.cols * self.rows)
        color = Array(repeating: nil, count: self.cols * self.rows)
    }

    /// Canvas size in pixels.
    var width: Int { cols * pw }
    var height: Int { rows * ph }

    /// Lights pixel (x, y); out-of-range pixels are ignored.
    mutating func set(_ x: Int, _ y: Int, _ c: RGB) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        let i = (y / ph) * cols + x / pw
        mask[i] |= charset.bit(x % pw, y % ph)
        color[i] = c
    }

    /// Draws a segment between two points in continuous pixel space (clipped to the canvas).
    /// `pattern` 0 is solid, 1 dotted, 2 dashed; `phase` carries the pattern across segments.
    mutating func line(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, _ c: RGB) {
        var phase = 0
        line(x0, y0, x1, y1, c, pattern: 0, phase: &phase)
    }

    mutating func line(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, _ c: RGB,
                       pattern: Int, phase: inout Int) {
        guard x0.isFinite, y0.isFinite, x1.isFinite, y1.isFinite, let (ax, ay, bx, by) = clip(x0, y0, x1, y1) else { return }
        let n = clampIndex(max(abs(bx - ax), abs(by - ay)).rounded(.up), width + height + 2)
        if n == 0 { set(clampIndex(ax, width), clampIndex(ay, height), c); return }
        for k in 0...n {
            let t = Double(k) / Double(n)
            if k > 0 || phase == 0 { phase += 1 }
            if pattern == 1 && phase % 2 == 0 { continue }
            if pattern == 2 && phase % 6 >= 4 { continue }
            set(clampIndex(ax + (bx - ax) * t, width), clampIndex(ay + (by - ay) * t, height), c)
        }
    }

    /// Liang–Barsky clipping to [0, width) × [0, height).
    func clip(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> (Double, Double, Double, Double)? {
        let w = Double(width) - 1e-6, h = Double(height) - 1e-6
        let dx = x1 - x0, dy = y1 - y0
        var t0 = 0.0, t1 = 1.0
        for (p, q) in [(-dx, x0), (dx, w - x0), (-dy, y0), (dy, h - y0)] {
            if p == 0 {
                if q < 0 { return nil }
            } else {
                let r = q / p
                if p < 0 { if r > t1 { return nil }; t0 = max(t0, r) } else { if r < t0 { return nil }; t1 = min(t1, r) }
            }
        }
        return (x0 + t0 * dx, y0 + t0 * dy, x0 + t1 * dx, y0 + t1 * dy)
    }

    /// Fills the pixels whose centres lie in [x0, x1) × [y0, y1) (continuous pixel space).
    /// A bar thinner than a pixel still lights the pixel column under its middle.
    mutating func fill(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, _ c: RGB) {
        let lx = max(-1, min(x0, x1)), hx = min(Double(width) + 1, max(x0, x1))
        let ly = max(-1, min(y0, y1)), hy = min(Double(height) + 1, max(y0, y1))
        guard lx.isFinite, hx.isFinite, ly.isFinite, hy.isFinite, lx < hx, ly <= hy,
              hx > 0, lx < Double(width), hy > 0, ly < Double(height) else { return }
        var a = Int((lx - 0.5).rounded(.up)), b = Int((hx - 0.5).rounded(.up)) - 1
        if a > b { a = Int((lx + hx) / 2); b = a }
        let top = max(0, Int((ly - 0.5).rounded(.up))), bottom = min(height - 1, Int((hy - 0.5).rounded(.up)) - 1)
        a = max(0, a)
        b = min(width - 1, b)
        guard a <= b, top <= bottom else { return }
        for y in top...bottom { for x in a...b { set(x, y, c) } }
    }

    /// Writes the canvas glyphs into `grid` at (`row`, `col`); empty cells are left alone.
    func draw(into grid: inout CellGrid, row: Int, col: Int) {
        for r in 0..<rows {
            for c in 0..<cols {
                let m = mask[r * cols + c]
                if m != 0 { grid[row + r, col + c] = Cell(ch: charset.glyph(m), fg: color[r * cols + c], bg: nil) }
            }
        }
    }
}
