@testable import Render
import Testing

/// Terminal output of every plot type, in colour and without, compared with reference text
/// files in `Golden/` (view the colour ones with `cat`).
@Suite struct GoldenTests {
    static let cases: [(String, @Sendable () throws -> Figure)] = [
        ("line", Fixtures.lineFigure), ("scatter", Fixtures.scatterFigure),
        ("heatmap", Fixtures.heatmapFigure), ("hist", Fixtures.histFigure),
        ("bar", Fixtures.barFigure), ("image", Fixtures.imageFigure), ("grid", Fixtures.gridFigure),
    ]

    @Test("every plot type without colour", arguments: cases.map(\.0))
    func plain(name: String) throws {
        let make = try #require(Self.cases.first { $0.0 == name }?.1)
        let text = try make().renderTerminal(width: 80, color: .none)
        #expect(!text.contains("\u{1B}"), "no-colour output must have no escape codes")
        try Golden.check("\(name)_plain", text)
    }

    @Test("every plot type in true colour", arguments: cases.map(\.0))
    func truecolor(name: String) throws {
        let make = try #require(Self.cases.first { $0.0 == name }?.1)
        let text = try make().renderTerminal(width: 80, color: .truecolor)
        #expect(text.contains("\u{1B}[0;38;2;"), "colour output sets 24-bit colours")
        try Golden.check("\(name)_truecolor", text)
    }

    @Test("256-colour heatmap and line plot")
    func ansi256() throws {
        try Golden.check("heatmap_ansi256", try Fixtures.heatmapFigure().renderTerminal(width: 80, color: .ansi256))
        try Golden.check("line_ansi256", try Fixtures.lineFigure().renderTerminal(width: 80, color: .ansi256))
    }

    @Test("block and ASCII character sets")
    func charsets() throws {
        try Golden.check("line_blocks", try Fixtures.lineFigure().renderTerminal(width: 80, charset: .blocks))
        try Golden.check("line_ascii", try Fixtures.lineFigure().renderTerminal(width: 80, charset: .ascii))
        try Golden.check("heatmap_ascii", try Fixtures.heatmapFigure().renderTerminal(width: 80, charset: .ascii))
    }
}
