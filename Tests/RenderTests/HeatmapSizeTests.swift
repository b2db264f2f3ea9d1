import Foundation
@testable import Render
import Tensor
import Testing

/// How heatmaps fill the terminal (each axis stretched on its own) and how constant data is
/// coloured.
@Suite struct HeatmapSizeTests {
    /// The typical DTR mask: route("dtr", 1000, 64).
    static func mask(title: String? = nil) throws -> Figure {
        var o = PlotOptions()
        o.title = title
        return try Figure.heatmap(Fixtures.dtrMaskTensor(T: 1000, C: 64), options: o)
    }

    /// `text` without its colour escape codes.
    static func stripped(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var inEscape = false
        for u in text.unicodeScalars {
            if u == "\u{1B}" { inEscape = true; continue }
            if inEscape { if u == "m" { inEscape = false }; continue }
            out.append(u)
        }
        return String(out)
    }

    /// The rows of `text` (colour codes removed) between the frame's top and bottom edges.
    static func plotRows(_ text: String) -> [Substring] {
        let lines = stripped(text).split(separator: "\n", omittingEmptySubsequences: false)
        guard let top = lines.firstIndex(where: { $0.contains("┌") }),
              let bottom = lines.firstIndex(where: { $0.contains("└") }) else { return [] }
        return Array(lines[(top + 1)..<bottom])
    }

    /// The cells between the first pair of vertical frame edges of a plot row.
    static func cells(_ row: Substring, panel: Int = 0) -> [Character] {
        let s = Array(row)
        var edges: [Int] = []
        for (i, c) in s.enumerated() where c == "│" || c == "┤" { edges.append(i) }
        guard edges.count >= 2 * panel + 2 else { return [] }
        return Array(s[(edges[2 * panel] + 1)..<edges[2 * panel + 1]])
    }

    @Test("a tall mask fills the plot width and 20 rows at 80 columns")
    func tallMaskFills() throws {
        for color in [ColorMode.none, .truecolor] {
            let rows = Self.plotRows(try Self.mask().renderTerminal(width: 80, color: color))
            #expect(rows.count == 20)
            if color == .none {
                // 64 channels in at least 60 columns; every row starts with its window of ones.
                let first = Self.cells(rows[0])
                #expect(first.count >= 60)
                #expect(first.prefix(40).allSatisfy { $0 == "█" })
                #expect(first.suffix(8).allSatisfy { $0 == " " })
                let last = Self.cells(rows[19])
                #expect(last.prefix(8).allSatisfy { $0 == " " })
            }
        }
    }

    @Test("wider terminals give wider and taller heatmaps, up to 24 rows")
    func widths() throws {
        let rows = Self.plotRows(try Self.mask().renderTerminal(width: 120))
        #expect(rows.count == 24)
        #expect(Self.cells(rows[0]).count >= 90)
        #expect(TerminalPanel.heatmapRows(width: 40) == 12)
        #expect(TerminalPanel.heatmapRows(width: 80) == 20)
        #expect(TerminalPanel.heatmapRows(width: 300) == 24)
    }

    @Test("sizes: whole multiples when they fill two thirds, cells at most twice as tall as wide")
    func sizeRule() {
        // Large data: the whole space, block-averaged.
        #expect(TerminalPanel.heatmapSize(rows: 1000, cols: 1152, availW: 65, maxRows: 20, pixelsPerRow: 2) == (65, 20, 40))
        // 16 columns in 50: 48 (3 each); 64 in 100: stretched to 100.
        #expect(TerminalPanel.heatmapSize(rows: 100, cols: 16, availW: 50, maxRows: 20, pixelsPerRow: 1).cols == 48)
        #expect(TerminalPanel.heatmapSize(rows: 100, cols: 64, availW: 100, maxRows: 20, pixelsPerRow: 1).cols == 100)
        // 8×64 in 64 columns: one character per channel, one text row per task.
        #expect(TerminalPanel.heatmapSize(rows: 8, cols: 64, availW: 64, maxRows: 20, pixelsPerRow: 2) == (64, 8, 16))
        #expect(TerminalPanel.heatmapSize(rows: 8, cols: 64, availW: 64, maxRows: 20, pixelsPerRow: 1) == (64, 8, 8))
        // An odd number of pixel rows leaves the last half block's lower half empty.
        #expect(TerminalPanel.heatmapSize(rows: 5, cols: 200, availW: 65, maxRows: 20, pixelsPerRow: 2) == (65, 3, 5))
        // Degenerate inputs never trap.
        #expect(TerminalPanel.heatmapSize(rows: 0, cols: 0, availW: 0, maxRows: 0, pixelsPerRow: 0) == (1, 1, 1))
    }

    @Test("an explicit terminal height bounds the heatmap rows")
    func explicitHeight() throws {
        #expect(Self.plotRows(try Self.mask().renderTerminal(width: 80, height: 8)).count == 8)
    }

    @Test("images keep their aspect")
    func imageAspect() throws {
        // 12×16 RGB picture at 80 columns: 64 columns (4 per pixel) and 24 rows of half blocks.
        let rows = Self.plotRows(try Fixtures.imageFigure().renderTerminal(width: 80, color: .truecolor))
        #expect(rows.count == 24)
        let g = try Figure.image(Tensor([Double](repeating: 0.5, count: 100 * 10), shape: [100, 10]))
        let text = try g.renderTerminal(width: 80, color: .none)
        let r = Self.plotRows(text)
        // 10 wide, 100 tall: far narrower than the width; square pixels.
        #expect(Self.cells(r[0]).filter { $0 != " " }.count <= 6)
    }

    @Test("three mask heatmaps side by side stay readable at 80 and 120 columns")
    func gridOfMasks() throws {
        var o = PlotOptions()
        o.ylabel = "task"
        o.xlabel = "channel"
        o.labels = ["active"]
        let m = try Figure.heatmap(Fixtures.dtrMaskTensor(T: 1000, C: 64), options: o)
        for (width, least) in [(80, 14), (120, 22)] {
            let text = try Figure.grid([m, m, m]).renderTerminal(width: width)
            let rows = Self.plotRows(text)
            #expect(rows.count == 12)
            for panel in 0..<3 {
                let c = Self.cells(rows[0], panel: panel)
                #expect(c.count >= least, "panel \(panel) at \(width) columns is \(c.count) wide")
                // First task: ones on the left, zeros on the right.
                #expect(c.first == "█")
                #expect(c.last == " ")
            }
            for line in text.split(separator: "\n") { #expect(line.count <= width) }
        }
    }

    @Test("a constant heatmap's range includes 0: all ones top colour, all zeros bottom")
    func constantRange() throws {
        #expect(Figure.colorRange(1, 1) == (0, 1))
        #expect(Figure.colorRange(0, 0) == (0, 1))
        #expect(Figure.colorRange(-2, -2) == (-2, 0))
        #expect(Figure.colorRange(3, 5) == (3, 5))
        let ones = try Figure.heatmap(Tensor([Double](repeating: 1, count: 40), shape: [8, 5]))
        let zeros = try Figure.heatmap(Tensor([Double](repeating: 0, count: 40), shape: [8, 5]))
        func fg(_ c: RGB) -> String { "\u{1B}[0;38;2;\(c.r);\(c.g);\(c.b)" }
        let top = Viridis.color(1), bottom = Viridis.color(0)
        let onesText = try ones.renderTerminal(width: 40, color: .truecolor)
        let zerosText = try zeros.renderTerminal(width: 40, color: .truecolor)
        let onesCells = Self.cells(Self.plotRows(onesText)[0])
        #expect(onesCells.allSatisfy { $0 == "▀" })
        #expect(onesText.contains(fg(top) + ";48;2;\(top.r);\(top.g);\(top.b)m▀"))
        #expect(zerosText.contains(fg(bottom) + ";48;2;\(bottom.r);\(bottom.g);\(bottom.b)m▀"))
        #expect(!onesText.contains(fg(Viridis.color(0.5))))
        // Without colour: full blocks for ones, blanks for zeros; the colour bar reads 1 over 0.
        let plain = try ones.renderTerminal(width: 40)
        #expect(Self.cells(Self.plotRows(plain)[0]).allSatisfy { $0 == "█" })
        #expect(Self.plotRows(plain).first?.hasSuffix("██ 1") == true)
        #expect(Self.plotRows(plain).last?.hasSuffix("   0") == true)
        #expect(Self.cells(Self.plotRows(try zeros.renderTerminal(width: 40))[0]).allSatisfy { $0 == " " })
        // The display list hands cairo the same range.
        let p = try ones.panel()
        #expect(p.colorBar?.lo == 0 && p.colorBar?.hi == 1)
        if case let .raster(r, _, _, _, _) = try #require(p.marks.first) {
            #expect(r.color(scalar: 1) == top)
        } else {
            Issue.record("a heatmap panel draws a raster")
        }
    }

    @Test("each pixel is the mean of its data block, two pixels per half block")
    func halfBlockMeans() throws {
        // 4 rows into 1 half block: upper pixel covers rows 0–1 (mean 1), lower rows 2–3 (mean 0).
        let r = Raster(rows: 4, cols: 1, channels: 1, values: [1, 1, 0, 0], lo: 0, hi: 1, colorMap: .viridis)
        var g = CellGrid(width: 1, height: 1)
        TerminalPanel(panel: Figure.heatmapPanelForTest(r), charset: .braille, color: .truecolor)
            .drawRaster(r, into: &g, row: 0, col: 0, rows: 1, cols: 1)
        #expect(g[0, 0].ch == "▀")
        #expect(g[0, 0].fg == Viridis.color(1))
        #expect(g[0, 0].bg == Viridis.color(0))
        // Three pixel rows in two characters: the last lower half is empty.
        var h = CellGrid(width: 1, height: 2)
        let three = Raster(rows: 3, cols: 1, channels: 1, values: [0, 1, 0], lo: 0, hi: 1, colorMap: .viridis)
        TerminalPanel(panel: Figure.heatmapPanelForTest(three), charset: .braille, color: .truecolor)
            .drawRaster(three, into: &h, row: 0, col: 0, rows: 2, cols: 1, pixels: 3)
        #expect(h[1, 0].fg == Viridis.color(0))
        #expect(h[1, 0].bg == nil)
    }
}
