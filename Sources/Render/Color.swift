/// An 8-bit sRGB colour.
struct RGB: Hashable, Sendable {
    /// Red, green and blue channels, 0…255.
    var r: UInt8, g: UInt8, b: UInt8

    /// Creates a colour from its three channels.
    init(_ r: UInt8, _ g: UInt8, _ b: UInt8) {
        self.r = r; self.g = g; self.b = b
    }

    /// A colour from channels in [0, 1] (clamped; NaN becomes 0).
    init(unit r: Double, _ g: Double, _ b: Double) {
        self.init(RGB.byte(r), RGB.byte(g), RGB.byte(b))
    }

    static func byte(_ v: Double) -> UInt8 {
        v.isNaN ? 0 : UInt8(Swift.max(0, Swift.min(255, (v * 255).rounded())))
    }

    /// Channels as Doubles in [0, 1] (for cairo).
    var unit: (Double, Double, Double) { (Double(r) / 255, Double(g) / 255, Double(b) / 255) }

    /// Relative luminance-like brightness in [0, 1] (Rec. 601 weights), for shade ramps.
    var brightness: Double { (0.299 * Double(r) + 0.587 * Double(g) + 0.114 * Double(b)) / 255 }

    static let black = RGB(0, 0, 0)
    static let white = RGB(255, 255, 255)
    static let axis = RGB(64, 64, 64)
    static let gridLine = RGB(229, 229, 229)
}

/// The categorical colours given to series, groups and bars, in order (matplotlib's tab10).
enum Palette {
    static let series: [RGB] = [
        RGB(31, 119, 180), RGB(255, 127, 14), RGB(44, 160, 44), RGB(214, 39, 40),
        RGB(148, 103, 189), RGB(140, 86, 75), RGB(227, 119, 194), RGB(127, 127, 127),
        RGB(188, 189, 34), RGB(23, 190, 207),
    ]

    /// The colour of series `i` (cycling).
    static func color(_ i: Int) -> RGB { series[((i % series.count) + series.count) % series.count] }
}

/// How a terminal shows colour. The choice is made once, when cells are encoded.
public enum ColorMode: Sendable, Equatable {
    /// No escape codes at all (pipes, files, `NO_COLOR`).
    case none
    /// The xterm 256-colour palette (`ESC[38;5;Nm`).
    case ansi256
    /// 24-bit colour (`ESC[38;2;R;G;Bm`).
    case truecolor

    /// The SGR parameters selecting `c` as foreground (`bg == false`) or background.
    func sgr(_ c: RGB, background bg: Bool) -> String {
        let lead = bg ? "48" : "38"
        switch self {
        case .none: return ""
        case .truecolor: return "\(lead);2;\(c.r);\(c.g);\(c.b)"
        case .ansi256: return "\(lead);5;\(ColorMode.xterm256(c))"
        }
    }

    /// The nearest xterm-256 index to `c`: the 6×6×6 cube or the 24-step grey ramp.
    static func xterm256(_ c: RGB) -> Int {
        func level(_ v: UInt8) -> Int { v < 48 ? 0 : v < 115 ? 1 : (Int(v) - 35) / 40 }
        let steps = [0, 95, 135, 175, 215, 255]
        let (ri, gi, bi) = (level(c.r), level(c.g), level(c.b))
        let cube = RGB(UInt8(steps[ri]), UInt8(steps[gi]), UInt8(steps[bi]))
        let mean = (Int(c.r) + Int(c.g) + Int(c.b)) / 3
        let greyIndex = mean > 238 ? 23 : Swift.max(0, (mean - 3) / 10)
        let greyLevel = UInt8(8 + 10 * greyIndex)
        let grey = RGB(greyLevel, greyLevel, greyLevel)
        func dist(_ a: RGB) -> Int {
            let dr = Int(a.r) - Int(c.r), dg = Int(a.g) - Int(c.g), db = Int(a.b) - Int(c.b)
            return dr * dr + dg * dg + db * db
        }
        return dist(grey) < dist(cube) ? 232 + greyIndex : 16 + 36 * ri + 6 * gi + bi
    }
}
