import Foundation
import Testing
@testable import Language

/// Every builtin is documented and its example runs.
struct RegistryTests {
    @Test func namesAreUnique() {
        let names = Registry.all.map(\.name)
        #expect(Set(names).count == names.count)
    }

    @Test func spec5CoreAndTensorNamesExist() {
        let required = """
            print str len range help load zeros ones full arange linspace eye rand randn randint seed shape reshape
            transpose concat stack sum mean std var max min argmax argmin any all cumsum cumprod sort argsort abs exp
            log log1p sqrt sin cos tanh sigmoid relu gelu silu softmax clip round floor isnan where matmul outer norm f32 f64 type
            """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
        for n in required { #expect(Registry.lookup(n) != nil, "missing builtin \(n)") }
    }

    @Test(arguments: Registry.all.map(\.name))
    func exampleRuns(_ name: String) throws {
        let b = try #require(Registry.lookup(name))
        #expect(!b.help.isEmpty)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dtr-registry-\(name)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try "fn helper(x) = x + 1\n".write(to: dir.appendingPathComponent("helpers.dtr"), atomically: true, encoding: .utf8)
        try SweepFixture.write(in: dir)  // the folder load_sweep's example reads
        let s = Session(options: SessionOptions(root: dir.path), output: CapturedOutput())
        let outcome = s.run(SourceFile(name: "<example \(name)>", text: b.example))
        #expect(outcome.diagnostics.isEmpty, "example of \(name) failed: \(outcome.diagnostics.map(\.description))")
        if let expected = b.expected, case .value(let v) = outcome {
            #expect(v.display() == expected, "example of \(name)")
        }
    }
}
