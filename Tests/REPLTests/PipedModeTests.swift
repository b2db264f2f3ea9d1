import Testing
@testable import REPL

@Suite("Piped mode")
struct PipedModeTests {
    func run(_ input: String, engine: FakeEngine = FakeEngine()) -> (Int32, Capture) {
        var lines = input.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        let capture = Capture()
        let status = PipedMode.run(engine: engine, output: capture.output) {
            lines.isEmpty ? nil : lines.removeFirst()
        }
        return (status, capture)
    }

    @Test("results only, no prompts or escapes, exit 0")
    func results() {
        let (status, capture) = run("x = 2\nx * 3\n")
        #expect(status == 0)
        #expect(capture.stdout == "6\n")
        #expect(capture.stderr.isEmpty)
        #expect(!capture.stdout.contains("\u{1B}"))
    }

    @Test("a failed entry is reported, later ones still run, and the exit status is 1")
    func failure() {
        let (status, capture) = run("nope\n1 + 1\n")
        #expect(status == 1)
        #expect(capture.stdout == "2\n")
        #expect(capture.stderr.contains("unknown name"))
    }

    @Test("multi-line entries and meta-commands; an unfinished entry runs at the end")
    func multiLine() {
        let engine = FakeEngine()
        let (status, capture) = run("y = (\n4)\n:vars\nz = [1,", engine: engine)
        #expect(engine.evaluated.map(\.source) == ["y = (\n4)", "z = [1,"])
        #expect(capture.stdout.contains("y     tensor f64"))
        #expect(status == 1)
    }

    @Test("the display is given the width, without colour")
    func options() {
        let engine = FakeEngine()
        _ = run("1", engine: engine)
        #expect(engine.lastOptions?.color == false)
        #expect(engine.lastOptions?.width ?? 0 >= 20)
    }

    @Test(":quit stops reading")
    func quit() {
        let (status, capture) = run("1\n:quit\n2\n")
        #expect(status == 0)
        #expect(capture.stdout == "1\n")
    }
}
