import Foundation
import Testing

/// The malformed-input corpus (SPEC §6): every input below is run through the real `dtr`
/// executable — `dtr check FILE` and `dtr FILE.dtr` for scripts, `dtr eval` for programs,
/// `dtr run NB.dtrnb` for notebooks — and must
/// - end with an exit status (never a signal), the documented one: 1 runtime error,
///   2 usage or syntax error;
/// - print a clear `error:` on standard error;
/// - leave every file on disk as it was (the case's folder and a folder beside it that
///   escapes try to reach).
/// Inputs are generated here (binary, huge and invalid ones are easier to make than to commit).
struct MalformedCorpusTests {
    /// What one case feeds to `dtr`.
    enum Input: Sendable {
        /// A script file: `dtr check` (exit 2 when `script` is 2, else 0) and `dtr FILE.dtr`.
        case script([UInt8])
        /// `dtr eval TEXT` (no NUL bytes: they cannot travel in argv).
        case eval(String)
        /// A notebook: `dtr run NB.dtrnb` (and `--update`, which must refuse to write a broken file).
        case notebook([UInt8])
        /// Any `dtr` command line (usage errors, options).
        case command([String])
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let input: Input
        /// The exit status `dtr FILE.dtr` / `dtr eval` / `dtr run` must give.
        let status: Int32
        /// For notebooks: the file cannot be read as a notebook at all, so `--update` must
        /// refuse too (a notebook that reads but fails in a cell gets its outputs written).
        var unreadable = false
        /// Extra files in the case's folder (data files the program reads).
        var files: [String: [UInt8]] = [:]
        /// Symlinks in the case's folder: name → target (relative targets are resolved
        /// against the folder; `OUTSIDE/` expands to the sibling folder's path).
        var links: [String: String] = [:]
        var testDescription: String { name }
    }

    // MARK: - The corpus

    static func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    /// xorshift, so generated garbage is the same on every run.
    static func garbage(seed: UInt64, count: Int, alphabet: [UInt8]? = nil) -> [UInt8] {
        var state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
        return (0..<count).map { _ in
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            if let alphabet { return alphabet[Int(state % UInt64(alphabet.count))] }
            return UInt8(truncatingIfNeeded: state)
        }
    }

    /// A `.npy` file with the given header dictionary text and payload.
    static func npy(_ header: String, payload: [UInt8] = [], magic: [UInt8] = [0x93] + Array("NUMPY".utf8),
                    version: [UInt8] = [1, 0], lengthOverride: Int? = nil) -> [UInt8] {
        var h = Array(header.utf8)
        while (10 + h.count + 1) % 64 != 0 { h.append(0x20) }
        h.append(0x0A)
        let n = lengthOverride ?? h.count
        return magic + version + [UInt8(n & 0xFF), UInt8((n >> 8) & 0xFF)] + h + payload
    }

    static let inf = "(1e308 * 10)"
    static let nan = "(1e308 * 10 - 1e308 * 10)"

    static let cases: [Case] = {
        var all: [Case] = []
        func script(_ name: String, _ text: String, _ status: Int32, files: [String: [UInt8]] = [:]) {
            all.append(Case(name: name, input: .script(bytes(text)), status: status, files: files))
        }
        func raw(_ name: String, _ b: [UInt8], _ status: Int32) {
            all.append(Case(name: name, input: .script(b), status: status))
        }
        func eval(_ name: String, _ text: String, _ status: Int32, files: [String: [UInt8]] = [:], links: [String: String] = [:]) {
            all.append(Case(name: name, input: .eval(text), status: status, files: files, links: links))
        }
        func notebook(_ name: String, _ text: String, _ status: Int32, unreadable: Bool = false) {
            all.append(Case(name: name, input: .notebook(bytes(text)), status: status, unreadable: unreadable))
        }

        // Binary garbage.
        for seed in 1...6 { raw("garbage-\(seed)", garbage(seed: UInt64(seed), count: 64 << seed), 2) }
        raw("garbage-all-ff", [UInt8](repeating: 0xFF, count: 1000), 2)
        raw("garbage-elf", [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0] + garbage(seed: 99, count: 500), 2)
        raw("garbage-gzip", [0x1F, 0x8B, 8, 0] + garbage(seed: 98, count: 300), 2)
        raw("garbage-utf16", [0xFF, 0xFE] + Array("x = 1\n".utf8).flatMap { [$0, 0] }, 2)
        raw("garbage-punctuation", garbage(seed: 7, count: 4000, alphabet: bytes("([{}])<>=+-*/^@%|.,:;\"#\n ")), 2)
        raw("garbage-tokens", garbage(seed: 8, count: 3000, alphabet: bytes("fn if else for in while 1 x ( ) [ ] { } = \n")), 2)

        // Invalid UTF-8.
        raw("utf8-lone-continuation", bytes("x = 1\ny = ") + [0x80] + bytes("\n"), 2)
        raw("utf8-in-string", bytes("s = \"a") + [0xC3, 0x28] + bytes("\"\n"), 2)
        raw("utf8-in-name", bytes("ab") + [0xE2, 0x82] + bytes("c = 1\n"), 2)
        raw("utf8-overlong", bytes("x = ") + [0xC0, 0xAF] + bytes("\n"), 2)
        raw("utf8-surrogate", bytes("x = \"") + [0xED, 0xA0, 0x80] + bytes("\"\n"), 2)
        raw("utf8-truncated-at-end", bytes("x = 1 + ") + [0xF0, 0x9F, 0x98], 2)
        raw("utf8-fe-ff", [0xFE, 0xFF, 0xFE, 0xFF] + bytes("\n"), 2)

        // NUL bytes.
        raw("nul-only", [0, 0, 0, 0], 2)
        raw("nul-in-expression", bytes("x = 1") + [0] + bytes(" + 2\n"), 2)
        raw("nul-in-string", bytes("s = \"a") + [0] + bytes("b\"\nprint(s)\nundefined_name\n"), 2)
        raw("nul-after-program", bytes("x = 1\n") + [0], 2)
        raw("nul-in-name", bytes("pr") + [0] + bytes("int(1)\n"), 2)

        // Syntax errors of every shape.
        script("unclosed-paren", "print((1 + 2)\n", 2)
        script("unclosed-bracket", "x = [1, 2\n", 2)
        script("unclosed-brace", "fn f(x) {\n  x\n", 2)
        script("unclosed-string", "s = \"abc\n", 2)
        script("stray-closers", ")]}\n", 2)
        script("operator-soup", "+ * / ^ @ |> => ..< ...\n", 2)
        script("keyword-soup", "fn if else for in while break continue return\n", 2)
        script("bad-assignment-target", "1 + 2 = 3\n", 2)
        script("bad-number", "x = 1e\ny = 1.2.3\nz = 0x\n", 2)
        script("break-outside-loop", "break\n", 2)
        script("return-at-top-level", "return 1\n", 2)
        script("duplicate-parameter", "fn f(a, a) = a\n", 2)
        script("duplicate-field", "r = {a: 1, a: 2}\n", 2)

        // Deep nesting.
        for (open, close) in [("(", ")"), ("[", "]"), ("{", "}")] {
            script("nesting-\(open)-100000", String(repeating: open, count: 100_000) + "1" + String(repeating: close, count: 100_000), 2)
        }
        script("nesting-unbalanced-200000", String(repeating: "([", count: 100_000), 2)
        script("nesting-unary-minus", String(repeating: "-", count: 100_000) + "1\n", 2)
        script("nesting-not", String(repeating: "not ", count: 50_000) + "true\n", 2)
        script("nesting-power", (0..<50_000).map { _ in "2" }.joined(separator: " ^ ") + "\n", 2)
        script("nesting-if", String(repeating: "if true { ", count: 20_000) + "1" + String(repeating: " }", count: 20_000), 2)
        script("nesting-lambda", String(repeating: "x => ", count: 50_000) + "x\n", 2)
        script("nesting-index", "x = [1]\nx" + String(repeating: "[0]", count: 100_000) + "\n", 2)
        script("deep-recursion", "fn f(n) = f(n + 1)\nf(0)\n", 1)
        script("mutual-recursion", "fn a(n) = b(n)\nfn b(n) = a(n)\na(1)\n", 1)
        // 20,000 levels: printing recurses per level, and ThreadSanitizer's fixed-size shadow
        // stack breaks past ~64 Ki frames (FuzzRegressionTests frees 100,000 levels in-process).
        script("deep-data-nesting", "x = []\nfor i in 0..<20000 { x = [x] }\nprint(x)\nmissing\n", 1)

        // 10 MB lines.
        let tenMB = 10 << 20
        script("long-comment-line", "# " + String(repeating: "a", count: tenMB) + "\nundefined_name\n", 1)
        script("long-string-line", "s = \"" + String(repeating: "b", count: tenMB) + "\"\nlen(s) + \"x\"\n", 1)
        script("long-name-line", String(repeating: "n", count: tenMB) + "\n", 1)
        script("long-number-line", "x = " + String(repeating: "9", count: tenMB) + "\nzeros([x])\n", 2)
        script("long-unclosed-string", "s = \"" + String(repeating: "c", count: tenMB) + "\n", 2)
        script("long-expression-line", (0..<(tenMB / 4)).map { _ in "1" }.joined(separator: " + ") + " + \"s\"\n", 1)

        // Huge and tiny numbers.
        script("number-overflow-literal", "x = 1e999999\nzeros([x])\n", 2)
        script("number-underflow-shape", "zeros([1e-320])\n", 1)
        script("huge-shape", "zeros([1e300])\n", 1)
        script("huge-shape-product", "zeros([1e9, 1e9, 1e9])\n", 1)
        script("negative-shape", "zeros([-1])\n", 1)
        script("fractional-shape", "ones([2.5])\n", 1)
        script("huge-index", "x = [1, 2, 3]\nx[1e300]\n", 1)
        script("huge-negative-index", "x = [1, 2, 3]\nx[-1e18]\n", 1)
        script("huge-range", "for i in 0..<1e300 { if i > 5 { break } }\nrange(1e300) + \"s\"\n", 1)
        script("huge-linspace", "linspace(0, 1, 1e18)\n", 1)
        script("huge-eye", "eye(1e10)\n", 1)
        script("huge-randn", "randn([1e5, 1e5])\n", 1)
        script("huge-arange", "arange(0, 1e300, 1e-300)\n", 1)
        script("huge-slice-step", "x = [1, 2, 3]\nx[::1e300]\nx[::0]\n", 1)
        script("huge-reshape", "reshape([1, 2, 3, 4], [1e10, -1])\n", 1)
        script("huge-schedule", "schedule(\"linear\", 1e12)\n", 1)
        script("huge-route", "route(\"dtr\", 1e9, 1e9)\n", 1)
        script("huge-digits", "str(1, digits: 1e300)\nstr(1, digits: -1)\n", 1)
        script("huge-string-repeat", "s = \"ab\"\nwhile true { s = s + s }\n", 1)
        script("huge-list-repeat", "l = [\"a\"]\nwhile true { l = l + l }\n", 1)
        script("tiny-denormals", "x = 5e-324\nprint(x / 2, x * 1e-300)\nzeros([x])\n", 1)

        // NaN and Inf everywhere.
        let bad = [("inf", inf), ("nan", nan), ("neg-inf", "(-\(inf))")]
        for (label, v) in bad {
            script("\(label)-shape", "zeros([\(v)])\n", 1)
            script("\(label)-index", "x = [1, 2, 3]\nx[\(v)]\n", 1)
            script("\(label)-range", "for i in 0..<\(v) { break }\nrange(\(v))\n", 1)
            script("\(label)-linspace", "linspace(0, 1, \(v))\n", 1)
            script("\(label)-schedule", "schedule(\"linear\", \(v))\n", 1)
            script("\(label)-route", "route(\"dtr\", 10, \(v))\n", 1)
            script("\(label)-seed", "seed(\(v))\nrandn([2], seed: \(v))\nrandint(0, \(v), [3])\n", 1)
            script("\(label)-digits", "str(1.5, digits: \(v))\n", 1)
            script("\(label)-slice", "x = [1, 2, 3]\nx[\(v):]\nx[:\(v):\(v)]\n", 1)
            script("\(label)-values", "x = [\(v), 1, \(v)]\nprint(sum(x), max(x), argmax(x), sort(x), softmax(x), norm(x))\nx + \"s\"\n", 1)
        }

        // Data files: truncated and lying .npy headers, ragged CSV.
        let npyHeader = "{'descr': '<f8', 'fortran_order': False, 'shape': (4,), }"
        let four = [UInt8](repeating: 0, count: 32)
        let npys: [(String, [UInt8])] = [
            ("npy-empty", []),
            ("npy-magic-only", [0x93] + bytes("NUMPY")),
            ("npy-wrong-magic", npy(npyHeader, payload: four, magic: bytes("NOTNPY"))),
            ("npy-bad-version", npy(npyHeader, payload: four, version: [9, 9])),
            ("npy-header-length-lies", npy(npyHeader, payload: four, lengthOverride: 60_000)),
            ("npy-truncated-header", Array(npy(npyHeader, payload: four).prefix(30))),
            ("npy-truncated-data", npy(npyHeader, payload: Array(four.prefix(12)))),
            ("npy-shape-lies-huge", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1000000000000,), }", payload: four)),
            ("npy-shape-overflow", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999, 99999999999, 99999999999), }", payload: four)),
            ("npy-shape-negative", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (-4,), }", payload: four)),
            ("npy-unknown-dtype", npy("{'descr': '<c32', 'fortran_order': False, 'shape': (4,), }", payload: four)),
            ("npy-object-dtype", npy("{'descr': '|O', 'fortran_order': False, 'shape': (4,), }", payload: four)),
            ("npy-garbage-header", npy("{'descr': <<<>>>, 'shape': ((((, }", payload: four)),
            ("npy-missing-keys", npy("{}", payload: four)),
            ("npy-binary-header", npy(String(decoding: garbage(seed: 5, count: 50), as: UTF8.self), payload: four)),
        ]
        for (name, data) in npys {
            eval(name, "x = load_npy(\"data.npy\")\nprint(shape(x))\nx + \"s\"\n", 1, files: ["data.npy": data])
        }
        let csvs: [(String, String)] = [
            ("csv-ragged", "1,2,3\n4,5\n6\n"),
            ("csv-empty", ""),
            ("csv-only-commas", ",,,\n,,,\n"),
            ("csv-text", "a,b\nc,d\n"),
            ("csv-nan-inf-words", "nan,inf,-inf\n1e999,-1e999,1e-999\n"),
            ("csv-huge-field", String(repeating: "9", count: 1 << 20) + ",1\n"),
            ("csv-crlf-bom", "\u{FEFF}1,2\r\n3,4\r\n5\r\n"),
            ("csv-quotes", "\"1,2\",\"3\n4,5\n"),
        ]
        for (name, text) in csvs {
            eval(name, "x = load_csv(\"data.csv\")\nprint(shape(x))\nx + \"s\"\n", 1, files: ["data.csv": bytes(text)])
        }
        eval("csv-binary", "load_csv(\"data.csv\") + \"s\"\n", 1, files: ["data.csv": garbage(seed: 11, count: 2000)])

        // Escapes from the folder (no --allow-fs): every one refused, nothing outside touched.
        eval("escape-dotdot-load", "load(\"../outside/victim.dtr\")\n", 1)
        eval("escape-absolute-load", "load(\"/etc/passwd\")\n", 1)
        eval("escape-dotdot-save", "save_npy(zeros([2]), \"../outside/victim.npy\")\n", 1)
        eval("escape-absolute-save", "save_csv([[1, 2]], \"OUTSIDE/victim.csv\")\n".replacingOccurrences(of: "OUTSIDE/", with: "/tmp/dtr-malformed-escape-"), 1)
        eval("escape-symlink-read", "load(\"link.dtr\")\n", 1, links: ["link.dtr": "OUTSIDE/victim.dtr"])
        eval("escape-symlink-dir-write", "save_npy(zeros([2]), \"linkdir/victim.npy\")\n", 1, links: ["linkdir": "OUTSIDE"])
        eval("escape-nested-dotdot", "load(\"a/../../outside/victim.dtr\")\n", 1)
        eval("escape-tilde", "load(\"~/.bashrc\")\n", 1)
        eval("missing-file", "load(\"does-not-exist.dtr\")\n", 1)
        eval("load-a-directory", "load(\".\")\n", 1)
        eval("load-binary-file", "load(\"data.bin\")\n", 1, files: ["data.bin": garbage(seed: 12, count: 500)])

        // Command lines: bad options are usage errors; --max-memory turns a big tensor into an error.
        func command(_ name: String, _ arguments: [String], _ status: Int32) {
            all.append(Case(name: name, input: .command(arguments), status: status))
        }
        command("max-memory-exceeded", ["eval", "--max-memory", "1M", "zeros([1000, 1000])"], 1)
        command("max-memory-percent", ["eval", "--max-memory", "0.0001%", "ones([1000, 1000])"], 1)
        command("max-memory-malformed", ["eval", "--max-memory", "lots", "1"], 2)
        command("max-memory-zero", ["eval", "--max-memory", "0", "1"], 2)
        command("unknown-option", ["eval", "--frobnicate", "1"], 2)
        command("timeout-negative", ["run", "--timeout", "-1", "nb.dtrnb"], 2)
        command("timeout-nan", ["run", "--timeout", "nan", "nb.dtrnb"], 2)
        command("set-undeclared", ["run", "--set", "nope=1", "nb.dtrnb"], 2)
        command("missing-script", ["does-not-exist.dtr"], 2)
        command("missing-notebook", ["run", "does-not-exist.dtrnb"], 2)

        // Notebooks with broken fences and front matter.
        notebook("nb-unclosed-fence", "# T\n\n```dtr\nx = 1\n", 2, unreadable: true)
        notebook("nb-unclosed-output-fence", "```dtr\n1\n```\n```output\n1\n", 2, unreadable: true)
        notebook("nb-unclosed-front-matter", "---\ntitle: t\nparams:\n  a: 1\n", 2, unreadable: true)
        notebook("nb-bad-param-literal", "---\nparams:\n  a: [1, 2\n---\n```dtr\na\n```\n", 2, unreadable: true)
        notebook("nb-param-garbage", "---\nparams:\n  a: )(*&^\n---\n```dtr\na\n```\n", 2, unreadable: true)
        notebook("nb-syntax-error-cell", "```dtr\nx = (1 +\n```\n", 2)
        notebook("nb-runtime-error-cell", "```dtr\nundefined_name\n```\n", 1)
        notebook("nb-nested-fences", "````dtr\n```dtr\nx = 1\n```\n", 2, unreadable: true)
        notebook("nb-deep-nesting-cell", "```dtr\n" + String(repeating: "[", count: 100_000) + "\n```\n", 2)
        notebook("nb-huge-print-cell", "```dtr\nfor i in 0..<10000000 { print(\"0123456789012345678901234567890123456789\") }\n```\n", 1)
        notebook("nb-nan-cell", "```dtr\nx = \(nan)\nzeros([x])\n```\n", 1)
        all.append(Case(name: "nb-invalid-utf8", input: .notebook(bytes("# a\n") + [0xFF, 0xFE] + bytes("\n```dtr\n1\n```\n")), status: 2, unreadable: true))
        all.append(Case(name: "nb-nul-bytes", input: .notebook(bytes("```dtr\nx = 1") + [0] + bytes("\n```\n")), status: 2))
        all.append(Case(name: "nb-binary", input: .notebook(garbage(seed: 13, count: 3000)), status: 2, unreadable: true))
        all.append(Case(name: "nb-empty-front-matter-garbage", input: .notebook(bytes("---\n") + garbage(seed: 14, count: 200) + bytes("\n---\n")), status: 2, unreadable: true))
        return all
    }()

    @Test func theCorpusHasAtLeast100Inputs() {
        #expect(Self.cases.count >= 100)
    }

    // MARK: - Running

    /// The `dtr` executable built beside this test bundle (`.build/debug/dtr`, or the
    /// sanitizer build's), or nil when it has not been built.
    static let executable: URL? = {
        var candidates: [URL] = []
        if let bundle = Bundle.allBundles.first(where: { $0.bundlePath.hasSuffix(".xctest") }) {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("dtr"))
        }
        candidates.append(Bundle.main.bundleURL.appendingPathComponent("dtr"))
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug/dtr"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    struct Result {
        var status: Int32
        var signalled: Bool
        var stderr: String
    }

    /// Runs `dtr arguments` in `folder` with a 300-second watchdog (a hang is a failure; the
    /// sanitizer builds are slow).
    static func dtr(_ arguments: [String], in folder: URL) throws -> Result {
        let exe = try #require(executable, "build dtr first (swift build)")
        let p = Process()
        p.executableURL = exe
        p.arguments = arguments
        p.currentDirectoryURL = folder
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        p.environment = env
        let errURL = folder.deletingLastPathComponent().appendingPathComponent("stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errURL) }
        let err = try FileHandle(forWritingTo: errURL)
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let deadline = Date().addingTimeInterval(300)
        while p.isRunning {
            if Date() > deadline {
                p.terminate()
                Issue.record("dtr \(arguments.prefix(2).joined(separator: " ")) hung for 300 s")
                break
            }
            usleep(20_000)
        }
        p.waitUntilExit()
        try err.close()
        let text = String(decoding: Self.readFile(errURL.path), as: UTF8.self)
        return Result(status: p.terminationStatus, signalled: p.terminationReason == .uncaughtSignal, stderr: text)
    }

    /// A file's bytes with stdio (`String(contentsOf:)` leaks its buffer under LeakSanitizer
    /// in this Foundation).
    static func readFile(_ path: String) -> [UInt8] {
        guard let f = fopen(path, "rb") else { return [] }
        defer { fclose(f) }
        var out: [UInt8] = [], chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, f) }
            out.append(contentsOf: chunk[0..<n])
            if n < chunk.count { return out }
        }
    }

    /// Every regular file under `folder` (symlinks not followed) with its bytes.
    static func snapshot(_ folder: URL) -> [String: Data] {
        var out: [String: Data] = [:]
        guard let e = FileManager.default.enumerator(atPath: folder.path) else { return out }
        for case let path as String in e {
            let full = folder.appendingPathComponent(path)
            let attributes = try? FileManager.default.attributesOfItem(atPath: full.path)
            let type = attributes?[.type] as? FileAttributeType
            if type == .typeSymbolicLink {
                out[path] = Data(((try? FileManager.default.destinationOfSymbolicLink(atPath: full.path)) ?? "?").utf8)
            } else if type == .typeRegular {
                out[path] = Data(readFile(full.path))
            } else {
                out[path + "/"] = Data()
            }
        }
        return out
    }

    @Test(arguments: cases)
    func malformedInputIsAClearError(_ c: Case) throws {
        guard Self.executable != nil else {
            Issue.record("the dtr executable is not built; run swift build first")
            return
        }
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("dtr-malformed-\(UUID().uuidString)")
        let folder = base.appendingPathComponent("case"), outside = base.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: base) }
        try Data("print(\"the victim ran\")\n".utf8).write(to: outside.appendingPathComponent("victim.dtr"))
        try Data([1, 2, 3]).write(to: outside.appendingPathComponent("victim.npy"))
        for (name, data) in c.files { try Data(data).write(to: folder.appendingPathComponent(name)) }
        for (name, target) in c.links {
            try FileManager.default.createSymbolicLink(
                atPath: folder.appendingPathComponent(name).path,
                withDestinationPath: target.replacingOccurrences(of: "OUTSIDE", with: outside.path))
        }

        var runs: [(arguments: [String], expected: Int32)] = []
        switch c.input {
        case .script(let b):
            try Data(b).write(to: folder.appendingPathComponent("prog.dtr"))
            runs = [(["check", "prog.dtr"], c.status == 2 ? 2 : 0), (["prog.dtr"], c.status)]
        case .eval(let text):
            runs = [(["eval", text], c.status)]
        case .command(let arguments):
            try Data("---\nparams:\n  a: 1\n---\n```dtr\na\n```\n".utf8).write(to: folder.appendingPathComponent("nb.dtrnb"))
            runs = [(arguments, c.status)]
        case .notebook(let b):
            try Data(b).write(to: folder.appendingPathComponent("nb.dtrnb"))
            runs = [(["run", "nb.dtrnb"], c.status)]
            // A notebook that cannot be read or parsed must not be rewritten by --update either.
            if c.unreadable { runs.append((["run", "--update", "nb.dtrnb"], 2)) }
        }
        let before = (Self.snapshot(folder), Self.snapshot(outside))
        for (arguments, expected) in runs {
            let r = try Self.dtr(arguments, in: folder)
            let label = "\(c.name): dtr \(arguments.first ?? "")"
            #expect(!r.signalled, "\(label) was killed by signal \(r.status)")
            #expect(r.status == expected, "\(label) exited \(r.status), expected \(expected); stderr: \(r.stderr.prefix(400))")
            for report in ["AddressSanitizer", "LeakSanitizer", "ThreadSanitizer", "Fatal error", "Stack dump"] {
                #expect(!r.stderr.contains(report), "\(label): \(report) in stderr: \(r.stderr.prefix(800))")
            }
            if expected != 0 {
                #expect(r.stderr.contains("error:"), "\(label) printed no error: \(r.stderr.prefix(400))")
            }
        }
        let after = (Self.snapshot(folder), Self.snapshot(outside))
        #expect(before.0 == after.0, "\(c.name): files in the case folder changed: \(Set(after.0.keys).symmetricDifference(before.0.keys).sorted())")
        #expect(before.1 == after.1, "\(c.name): files outside the folder changed")
        #expect(!FileManager.default.fileExists(atPath: "/tmp/dtr-malformed-escape-victim.csv"), "\(c.name): wrote outside via an absolute path")
    }
}
