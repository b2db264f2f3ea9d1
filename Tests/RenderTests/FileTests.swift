import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import Render
import Tensor
import Testing

/// Saved figures are valid files of the requested kind and size. Set `DTR_RENDER_PREVIEW` to
/// a directory to also write them there for a look.
@Suite struct FileTests {
    static func preview(_ name: String, _ bytes: [UInt8]) {
        guard let dir = ProcessInfo.processInfo.environment["DTR_RENDER_PREVIEW"] else { return }
        try? Data(bytes).write(to: URL(fileURLWithPath: dir).appendingPathComponent(name))
    }

    /// Width and height from a PNG's IHDR chunk, after checking the signature.
    static func pngSize(_ b: [UInt8]) -> (Int, Int)? {
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        guard b.count > 24, Array(b[0..<8]) == signature, Array(b[12..<16]) == Array("IHDR".utf8) else { return nil }
        func be(_ i: Int) -> Int { b[i..<i + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (be(16), be(20))
    }

    static let cases: [(String, @Sendable () throws -> Figure)] = GoldenTests.cases

    @Test("PNG files have the signature and the default 640×480 size", arguments: cases.map(\.0).filter { $0 != "grid" && $0 != "heatmap" })
    func png(name: String) throws {
        let make = try #require(Self.cases.first { $0.0 == name }?.1)
        let bytes = try make().renderFile(format: .png)
        Self.preview("\(name).png", bytes)
        let size = try #require(Self.pngSize(bytes))
        #expect(size == (640, 480))
    }

    @Test("a grid is 480×360 per panel plus a title band")
    func gridSize() throws {
        let bytes = try Fixtures.gridFigure().renderFile(format: .png)
        Self.preview("grid.png", bytes)
        let size = try #require(Self.pngSize(bytes))
        #expect(size == (960, 750))
    }

    @Test("width and height options set the pixel size; scale multiplies it")
    func explicitSize() throws {
        var o = PlotOptions()
        try o.set("width", .number(300))
        try o.set("height", .number(200))
        let fig = try Figure.line(x: nil, ys: [[1, 3, 2]], options: o)
        #expect(Self.pngSize(try fig.renderFile(format: .png)).map { [$0.0, $0.1] } == [300, 200])
        #expect(Self.pngSize(try fig.renderFile(format: .png, scale: 2)).map { [$0.0, $0.1] } == [600, 400])
    }

    @Test("a 1000×1152 DTR mask PNG is scaled up so every mask cell gets a pixel")
    func bigHeatmap() throws {
        var o = PlotOptions()
        o.title = "DTR routing mask, T = 1000, C = 1152"
        o.xlabel = "channel"
        o.ylabel = "task t"
        let fig = try Figure.heatmap(Fixtures.dtrMaskTensor(T: 1000, C: 1152), options: o)
        let bytes = try fig.renderFile(format: .png)
        Self.preview("heatmap_1000x1152.png", bytes)
        let size = try #require(Self.pngSize(bytes))
        #expect(size.0 >= 1152 && size.1 >= 1000)
        #expect(size.0 * 480 == size.1 * 640, "whole-number scale of 640×480")
    }

    @Test("SVG output is well-formed XML with an <svg> root")
    func svg() throws {
        for (name, make) in Self.cases {
            let bytes = try make().renderFile(format: .svg)
            Self.preview("\(name).svg", bytes)
            let parser = XMLParser(data: Data(bytes))
            let root = RootName()
            parser.delegate = root
            #expect(parser.parse(), "\(name).svg parses")
            #expect(root.name == "svg")
        }
    }

    @Test("SVG heatmaps embed the matrix at full resolution, marked pixelated")
    func svgHeatmapResolution() throws {
        let fig = try Figure.heatmap(Fixtures.dtrMaskTensor(T: 1000, C: 1152))
        let text = String(decoding: try fig.renderFile(format: .svg), as: UTF8.self)
        #expect(text.contains("style=\"image-rendering:pixelated\" id=\"image"))
        #expect(text.contains("width=\"1152\" height=\"1000\""))
    }

    @Test("PDF output starts with %PDF- and ends with %%EOF")
    func pdf() throws {
        for (name, make) in Self.cases {
            let bytes = try make().renderFile(format: .pdf)
            Self.preview("\(name).pdf", bytes)
            #expect(bytes.starts(with: Array("%PDF-".utf8)), "\(name).pdf header")
            let tail = String(decoding: bytes.suffix(8), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(tail.hasSuffix("%%EOF"), "\(name).pdf trailer")
        }
    }

    @Test("file formats are chosen by extension")
    func formats() {
        #expect(FileFormat(fileName: "a/b/plot.PNG") == .png)
        #expect(FileFormat(fileName: "x.svg") == .svg)
        #expect(FileFormat(fileName: "x.pdf") == .pdf)
        #expect(FileFormat(fileName: "x.jpg") == nil)
        #expect(FileFormat(fileName: "noext") == nil)
        #expect(throws: RenderError.option("cannot save a figure as '.jpg'; use .png, .svg or .pdf")) { try FileFormat.forFile("a.jpg") }
    }
}

/// Records the name of the first element.
final class RootName: NSObject, XMLParserDelegate {
    var name: String?
    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        if name == nil { name = elementName }
    }
}

/// Loading cairo lazily, once, from any thread.
@Suite struct CairoLoadingTests {
    @Test("a missing cairo library is a clear error, not a crash")
    func missingLibrary() {
        guard case let .failure(e) = CairoLibrary.load(["libcairo-does-not-exist.so.9"]) else {
            Issue.record("loading a bogus library succeeded")
            return
        }
        #expect(e.kind == .backend)
        #expect(e.message.hasPrefix("saving figures needs the cairo library (libcairo.so.2), which could not be loaded"))
        #expect(e.message.contains("apt install libcairo2"))
    }

    @Test("figures can be saved from several threads at once")
    func concurrentSaves() async throws {
        let sizes = try await withThrowingTaskGroup(of: Int.self) { group in
            for i in 0..<6 {
                group.addTask {
                    let fig = i % 2 == 0 ? try Fixtures.lineFigure() : try Fixtures.heatmapFigure()
                    return try fig.renderFile(format: i % 3 == 0 ? .pdf : .png).count
                }
            }
            var out: [Int] = []
            for try await n in group { out.append(n) }
            return out
        }
        #expect(sizes.count == 6 && sizes.allSatisfy { $0 > 1000 })
    }
}
