/// One character cell of terminal output: a glyph and optional colours.
struct Cell: Equatable {
    var ch: Unicode.Scalar = " "
    var fg: RGB?
    var bg: RGB?
}

/// A rectangle of character cells. Plots are composed here (canvas glyphs, frame, labels),
/// and colour is turned into escape codes only once, by ``encode(_:)``.
struct CellGrid {
    let width: Int
    private(set) var height: Int
    private(set) var cells: [Cell]

    init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: Cell(), count: self.width * self.height)
    }

    subscript(row: Int, col: Int) -> Cell {
        get { inBounds(row, col) ? cells[row * width + col] : Cell() }
        set { if inBounds(row, col) { cells[row * width + col] = newValue } }
    }

    func inBounds(_ row: Int, _ col: Int) -> Bool { row >= 0 && row < height && col >= 0 && col < width }

    /// Writes `text` from (`row`, `col`), clipped at the right edge; returns the columns used.
    @discardableResult
    mutating func put(_ text: String, row: Int, col: Int, fg: RGB? = nil) -> Int {
        var c = col
        for s in Self.glyphs(text) {
            if c >= width { break }
            self[row, c] = Cell(ch: s, fg: fg, bg: nil)
            c += 1
        }
        return c - col
    }

    /// Copies `other` with its top-left corner at (`row`, `col`).
    mutating func blit(_ other: CellGrid, row: Int, col: Int) {
        for r in 0..<other.height {
            for c in 0..<other.width { self[row + r, col + c] = other[r, c] }
        }
    }

    /// Adds `n` blank rows at the bottom.
    mutating func appendRows(_ n: Int) {
        guard n > 0 else { return }
        cells += Array(repeating: Cell(), count: n * width)
        height += n
    }

    /// The printable scalars of `text` (control characters dropped), one column each.
    static func glyphs(_ text: String) -> [Unicode.Scalar] {
        text.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }
    }

    /// Visible width of `text` in columns.
    static func width(_ text: String) -> Int { glyphs(text).count }

    /// `text` cut to at most `n` columns (ending in "…" when cut).
    static func truncate(_ text: String, _ n: Int) -> String {
        let g = glyphs(text)
        if g.count <= n { return String(String.UnicodeScalarView(g)) }
        if n <= 0 { return "" }
        return String(String.UnicodeScalarView(g.prefix(n - 1))) + "…"
    }

    /// The rows as text. With `.none` there are no escape codes; otherwise colours are emitted
    /// only where they change and reset at the end of each line. Trailing blanks are trimmed.
    func encode(_ mode: ColorMode) -> [String] {
        var lines: [String] = []
        lines.reserveCapacity(height)
        for r in 0..<height {
            var end = width
            while end > 0, cells[r * width + end - 1] == Cell() { end -= 1 }
            var line = String.UnicodeScalarView()
            var fg: RGB? = nil, bg: RGB? = nil
            for c in 0..<end {
                let cell = cells[r * width + c]
                if mode != .none {
                    let wantFg = cell.ch == " " ? nil : cell.fg
                    if wantFg != fg || cell.bg != bg {
                        var params = ["0"]
                        if let f = wantFg { params.append(mode.sgr(f, background: false)) }
                        if let b = cell.bg { params.append(mode.sgr(b, background: true)) }
                        line.append(contentsOf: ("\u{1B}[" + params.joined(separator: ";") + "m").unicodeScalars)
                        fg = wantFg
                        bg = cell.bg
                    }
                }
                line.append(cell.ch)
            }
            if fg != nil || bg != nil { line.append(contentsOf: "\u{1B}[0m".unicodeScalars) }
            lines.append(String(line))
        }
        return lines
    }
}
