import Foundation
@testable import Render
import Tensor
import Testing

/// Behaviour of the terminal back end beyond the golden pictures.
@Suite struct TerminalTests {
    @Test("lines fit the requested width (no-colour output)")
    func width() throws {
        for w in [40, 80, 120] {
            let text = try Fixtures.lineFigure().renderTerminal(width: w)
            for line in text.split(separator: "\n") { #expect(line.unicodeScalars.count <= w) }
        }
    }

    @Test("a heatmap cell shows the mean of what it covers")
    func meanRule() throws {
        // 2×4 matrix drawn into 1 row of 2 cells: each cell covers a 2×2 block.
        let r = Raster(rows: 2, cols: 4, channels: 1, values: [1, 1, 0, 1, 1, 1, 0, 0], lo: 0, hi: 1, colorMap: .viridis)
        let a = BlockAverage(r, rows: 1, cols: 2)
        #expect(a.mean == [1, 0.25])
        let p = TerminalPanel(panel: Figure.heatmapPanelForTest(r), charset: .braille, color: .none)
        #expect(p.shade(1) == "█")
        #expect(p.shade(0) == " ")
        #expect(p.shade(0.25) == "░")
        #expect(p.shade(0.5) == "▒")
        #expect(p.shade(0.9) == "▓")
    }

    @Test("NaN values are skipped, not drawn")
    func nanSkipped() throws {
        let r = Raster(rows: 1, cols: 4, channels: 1, values: [.nan, 2, .nan, .nan], lo: 0, hi: 2, colorMap: .viridis)
        let a = BlockAverage(r, rows: 1, cols: 2)
        #expect(a.mean[0] == 2)
        #expect(a.mean[1].isNaN)
        let fig = try Figure.line(x: nil, ys: [[1, 2, .nan, 4, 5]])
        #expect(try fig.renderTerminal(width: 60).contains("┤"))
    }

    @Test("upsampling repeats cells instead of inventing values")
    func upsample() {
        let r = Raster(rows: 1, cols: 2, channels: 1, values: [0, 1], lo: 0, hi: 1, colorMap: .grey)
        #expect(BlockAverage(r, rows: 2, cols: 4).mean == [0, 0, 1, 1, 0, 0, 1, 1])
    }

    @Test("no escape codes without colour; resets at line ends with colour")
    func escapes() throws {
        let fig = try Fixtures.heatmapFigure()
        #expect(!(try fig.renderTerminal(color: .none)).contains("\u{1B}"))
        for line in try fig.renderTerminal(color: .ansi256).split(separator: "\n") where line.contains("\u{1B}") {
            let last = try #require(line.range(of: "\u{1B}[", options: .backwards))
            #expect(line[last.lowerBound...].hasPrefix("\u{1B}[0m"), "colour is reset before the line ends")
        }
    }

    @Test("the legend sits outside the plot frame")
    func legendOutside() throws {
        let text = try Fixtures.lineFigure().renderTerminal(width: 80)
        let row = try #require(text.split(separator: "\n").first { $0.contains("sin") })
        let frame = try #require(row.lastIndex(of: "│"))
        let label = try #require(row.range(of: "sin"))
        #expect(frame < label.lowerBound)
    }

    @Test("braille cells encode their pixel bitmask")
    func braille() {
        var c = PixelCanvas(cols: 1, rows: 1, charset: .braille)
        c.set(0, 0, .black)
        c.set(1, 3, .black)
        var g = CellGrid(width: 1, height: 1)
        c.draw(into: &g, row: 0, col: 0)
        #expect(g[0, 0].ch == "\u{2881}")
        #expect(Charset.blocks.glyph(0b1001) == "▚")
    }

    @Test("xterm-256 mapping picks the cube or the grey ramp")
    func xterm() {
        #expect(ColorMode.xterm256(RGB(255, 0, 0)) == 196)
        #expect(ColorMode.xterm256(RGB(128, 128, 128)) == 244)
        #expect(ColorMode.xterm256(RGB(0, 0, 0)) == 16)
    }

    @Test("log y axes are labelled in decades")
    func logAxis() throws {
        var o = PlotOptions()
        o.logy = true
        let text = try Figure.line(x: nil, ys: [[1, 10, 100, 1000]], options: o).renderTerminal(width: 60)
        #expect(text.contains("1000 ┤"))
        #expect(text.contains("   1 ┤"))
    }

    @Test("terminal sizes are checked")
    func sizes() throws {
        let fig = try Fixtures.barFigure()
        #expect(throws: RenderError.self) { try fig.renderTerminal(width: 5) }
        #expect(throws: RenderError.self) { try fig.renderTerminal(width: 80, height: 1) }
        #expect(try fig.renderTerminal(width: 80, height: 5).split(separator: "\n").count == 1 + 7 + 1)
    }
}

extension Figure {
    /// A heatmap panel around a raster (test helper).
    static func heatmapPanelForTest(_ r: Raster) -> Panel {
        Panel(xlo: -0.5, xhi: Double(r.cols) - 0.5, ylo: -0.5, yhi: Double(r.rows) - 0.5, xAxis: .integer, yAxis: .integer)
    }
}

@Test("a legend longer than the plot moves below it, every entry shown")
func longLegend() throws {
    let ys = (0..<8).map { k in (0..<10).map { Double($0 * k) } }
    let text = try Figure.line(x: nil, ys: ys).renderTerminal(width: 80, height: 4)
    for k in 1...8 { #expect(text.contains("y\(k)")) }
}
