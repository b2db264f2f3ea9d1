import Foundation
import Testing
@testable import Language

/// The safety guarantees of README "Safety": file access stays in the notebook's folder
/// unless `--allow-fs`; no builtin runs a shell command or opens the network; HTML export
/// escapes all text. (Escapes without `--allow-fs` are in ``MalformedCorpusTests``.)
struct SecurityTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// No source file calls an API that starts a process or opens a socket. (dlopen is
    /// used only for OpenBLAS and cairo, by fixed library names.)
    @Test func noBuiltinCanRunAShellOrOpenTheNetwork() throws {
        let forbidden = ["system(", "popen(", "posix_spawn", "execv(", "execvp(", "execl(", "fork(", "Process(",
                         "socket(", "connect(", "getaddrinfo(", "URLSession", "FoundationNetworking", "NSTask"]
        let sources = Self.packageRoot.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(atPath: sources.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
        #expect(files.count > 50, "Sources not found at \(sources.path)")
        for file in files {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            // `dtr sweep` starts `dtr run`, `sbatch`, `squeue` and `sacct`: only the Sweep target
            // (and the CLI wiring it) may, and no library layer may import it.
            if file.hasPrefix("Sweep/") { continue }
            if !file.hasPrefix("dtr/") { #expect(!text.contains("import Sweep"), "Sources/\(file) imports Sweep") }
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let code = line.split(separator: "//", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
                // The one exception: `dtr kernel` binds the ZeroMQ sockets its Jupyter connection file names.
                for word in forbidden where code.contains(word) && !(file == "Kernel/ZMQSocket.swift" && code.contains("zmq_socket(")) {
                    Issue.record("Sources/\(file):\(n + 1) uses \(word)")
                }
            }
        }
        let dlopens = files.filter { f in
            ((try? String(contentsOf: sources.appendingPathComponent(f), encoding: .utf8)) ?? "").contains("dlopen(")
        }
        #expect(Set(dlopens) == ["Tensor/Linalg/BLASLoader.swift", "Render/CairoLibrary.swift"])
        for name in Registry.names {
            #expect(!["system", "shell", "exec", "run", "spawn", "popen", "http", "fetch", "download", "socket", "url"].contains(name),
                    "builtin \(name) sounds like a process or network door")
        }
    }

    /// The file layer: `..`, absolute paths and symlinks out of the root are refused,
    /// and allowed with `allowOutside` (`--allow-fs`).
    @Test func fileAccessIsConfinedUnlessAllowed() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("dtr-security-\(UUID().uuidString)")
        let root = base.appendingPathComponent("nb"), outside = base.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: base) }
        try Data("x = 1\n".utf8).write(to: outside.appendingPathComponent("secret.dtr"))
        try Data("y = 2\n".utf8).write(to: root.appendingPathComponent("ok.dtr"))
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("link.dtr").path,
                                                   withDestinationPath: outside.appendingPathComponent("secret.dtr").path)
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("dir").path, withDestinationPath: outside.path)
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("inside.dtr").path, withDestinationPath: "ok.dtr")

        let confined = FileAccess(root: root.path, allowOutside: false)
        for path in ["../outside/secret.dtr", outside.appendingPathComponent("secret.dtr").path, "link.dtr",
                     "dir/secret.dtr", "sub/../../outside/secret.dtr", "/etc/passwd", "dir/new.npy"] {
            #expect(throws: FileAccessError.self, "\(path) should be refused") { try confined.resolve(path) }
        }
        for path in ["ok.dtr", "sub/../ok.dtr", "./ok.dtr", "inside.dtr", "sub/new.npy"] {
            #expect(throws: Never.self, "\(path) should be allowed") { try confined.resolve(path) }
        }
        let open = FileAccess(root: root.path, allowOutside: true)
        for path in ["../outside/secret.dtr", "link.dtr", "dir/secret.dtr"] {
            #expect(throws: Never.self, "\(path) should be allowed with --allow-fs") { try open.resolve(path) }
        }

        // The same through the language.
        let session = Session(options: SessionOptions(root: root.path, loadStandardLibrary: false), output: CapturedOutput())
        for path in ["../outside/secret.dtr", "link.dtr", "dir/secret.dtr"] {
            let outcome = session.run("load(\"\(path)\")")
            #expect(outcome.exitCode == 1)
            #expect(outcome.diagnostics.first?.message.contains("--allow-fs") == true, "\(path): \(outcome.diagnostics)")
        }
        #expect(session.run("load(\"ok.dtr\"); y").exitCode == 0)
        let allowed = Session(options: SessionOptions(root: root.path, allowFileSystem: true, loadStandardLibrary: false),
                              output: CapturedOutput())
        guard case .value(let v) = allowed.run("load(\"../outside/secret.dtr\"); x") else {
            Issue.record("--allow-fs should allow reading outside"); return
        }
        #expect(v.display() == "1")
    }
}
