import Foundation
import Testing
@testable import Language

@Suite("Plot builtins")
struct PlotBuiltinTests {
    /// `plot([0, 1, 2, 3], title: "ramp")` at 40 columns, without colour.
    static let rampGolden = """
                           ramp
          ┌────────────────────────────────────┐
          │                                ⢀⣀⠤⠒│
          │                           ⢀⣀⠤⠒⠊⠁   │
        2 ┤                       ⣀⡤⠒⠊⠁        │
          │                  ⢀⡠⠔⠒⠉             │
          │             ⢀⡠⠤⠒⠉⠁                 │
          │        ⢀⡠⠤⠒⠉⠁                      │
          │   ⢀⡠⠤⠒⠉⠁                           │
        0 ┤⠤⠒⠉⠁                                │
          └┬───────────┬───────────┬──────────┬┘
           0           1           2          3
        """

    /// The plot a program returns (fails the test otherwise).
    func plotValue(_ r: BindingsRun, _ source: String, sourceLocation: SourceLocation = #_sourceLocation) -> PlotValue? {
        guard case .object(let o) = r.value(source, sourceLocation: sourceLocation), let p = o as? PlotValue else {
            Issue.record("expected a plot", sourceLocation: sourceLocation)
            return nil
        }
        return p
    }

    @Test("every plot builtin returns a plot value whose type is \"plot\"")
    func kinds() throws {
        let r = try BindingsRun()
        for source in ["plot([1, 2, 3])", "plot(linspace(0, 1, 3), [[1, 2, 3], [3, 2, 1]], labels: [\"a\", \"b\"])",
                       "plot([[1, 2, 3], [3, 2, 1]])", "plot([0, 1, 2], [[1, 2, 3], [2, 3, 1]])",
                       "scatter([1, 2], [3, 4])", "scatter(randn([10, 2], seed: 1))",
                       "scatter([randn([5, 2], seed: 1), randn([5, 2], seed: 2)], labels: [\"a\", \"b\"])",
                       "heatmap(eye(3))", "hist(randn(100, seed: 1), bins: 5)", "bar([1, 2], labels: [\"x\", \"y\"])",
                       "image(rand([4, 4, 3], seed: 1))", "grid([plot([1, 2]), bar([1])], cols: 1)"] {
            #expect(r.value(source).typeName == "plot", "\(source)")
        }
        #expect(r.value("type(plot([1, 2]))").display() == "\"plot\"")
    }

    @Test("a line plot renders in braille, without escape codes unless colour is asked for")
    func terminalGolden() throws {
        let r = try BindingsRun()
        let p = try #require(plotValue(r, "plot([0, 1, 2, 3], title: \"ramp\")"))
        let text = p.display(width: 40, color: false)
        #expect(text == Self.rampGolden)
        #expect(text.contains("ramp"))
        #expect(text.unicodeScalars.contains { $0.value >= 0x2801 && $0.value <= 0x28FF }, "braille dots")
        #expect(!text.contains("\u{1B}["))
        #expect(p.display(width: 40, color: true).contains("\u{1B}["))
        // The display is exactly the Render layer's terminal rendering.
        #expect(text == (try p.figure.renderTerminal(width: 40, color: .none, charset: .braille)))
    }

    @Test("the display of a plot as a cell's value and inside a list")
    func displays() throws {
        let r = try BindingsRun()
        let v = r.value("heatmap(route(\"dtr\", 8, 8, beta: 0.5), title: \"mask\")")
        #expect(v.display(width: 60).contains("mask"))
        #expect(r.value("[plot([1, 2])]").display() == "[<plot>]")
    }

    @Test("unknown options are errors listing the valid ones; bad option values name the option")
    func options() throws {
        let r = try BindingsRun()
        let e = r.error("plot([1, 2], colour: \"red\")")
        #expect(e.contains("plot has no parameter named \"colour\""))
        #expect(e.contains("title, xlabel, ylabel, width, height, xlim, ylim, logy, labels"))
        #expect(r.error("plot([1, 2], xlim: [1])").contains("xlim: expected a list of two numbers"))
        #expect(r.error("plot([1, 2], logy: 1)").contains("logy: expected true or false"))
        #expect(r.error("plot([1, 2], width: 3)").contains("width: expected a whole number of pixels"))
        #expect(r.error("plot([0, 1], logy: true)").contains("logy needs positive values"))
        #expect(r.error("plot([[1, 2], [3, 4]], labels: [\"one\"])").contains("1 label for 2 series"))
    }

    @Test("bad data is a diagnostic, not a crash")
    func badData() throws {
        let r = try BindingsRun()
        #expect(r.error("heatmap([1, 2, 3])").contains("expected a 2-D tensor"))
        #expect(r.error("plot([1, 2], [1, 2, 3])").contains("x has 2 values but series 1 has 3"))
        #expect(r.error("scatter(ones([3, 3]))").contains("expected N×2 points"))
        #expect(r.error("image(ones([2, 2, 2]))").contains("H×W"))
        #expect(r.error("hist([1, 2], bins: 0)").contains("bins must lie in 1…10000"))
        #expect(r.error("grid([plot([1]), 3])").contains("item 2 of plots must be a plot"))
        #expect(r.error("plot(\"abc\")").contains("must be a tensor"))
        #expect(r.error("plot(zeros(2) / 0)").contains("NaN"))
    }

    @Test("save writes PNG, SVG and PDF files by extension")
    func saveFormats() throws {
        let r = try BindingsRun()
        _ = r.value("p = plot([1, 4, 9], title: \"squares\"); save(p, \"a.png\"); save(p, \"a.svg\"); save(p, \"a.pdf\"); save(heatmap(eye(4)), \"h.PNG\")")
        let png = try [UInt8](Data(contentsOf: r.folder.appendingPathComponent("a.png")))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        let svg = try String(contentsOf: r.folder.appendingPathComponent("a.svg"), encoding: .utf8)
        #expect(svg.contains("<svg"))
        let pdf = try [UInt8](Data(contentsOf: r.folder.appendingPathComponent("a.pdf")))
        #expect(pdf.starts(with: Array("%PDF".utf8)))
        #expect(FileManager.default.fileExists(atPath: r.folder.appendingPathComponent("h.PNG").path))
        let p = try #require(plotValue(r, "p"))
        #expect(try p.pngBytes().starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(r.error("save(p, \"a.jpg\")").contains("use a name ending in .png, .svg or .pdf"))
        #expect(r.error("save({a: 1}, \"a.png\")").contains("save writes plots"))
    }

    @Test("save refuses paths outside the folder: .., absolute paths, symlinks out")
    func sandbox() throws {
        let r = try BindingsRun()
        _ = r.value("p = plot([1, 2])")
        #expect(r.error("save(p, \"../x.png\")").contains("leads outside the folder"))
        #expect(r.error("save(p, \"/tmp/dtr-escape.png\")").contains("is an absolute path"))
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("dtr-outside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: r.folder.appendingPathComponent("out"), withDestinationURL: outside)
        #expect(r.error("save(p, \"out/x.png\")").contains("is a link to a place outside the folder"))
        #expect(!FileManager.default.fileExists(atPath: outside.appendingPathComponent("x.png").path))
        // --allow-fs lifts the confinement.
        let free = try BindingsRun(allowFS: true)
        let target = outside.appendingPathComponent("ok.png").path
        _ = free.value("save(plot([1, 2]), \"\(target)\")")
        #expect(FileManager.default.fileExists(atPath: target))
    }
}
