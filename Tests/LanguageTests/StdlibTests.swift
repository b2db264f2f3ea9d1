import Testing
@testable import Language

/// The `stdlib/*.dtr` files users learn from: they load cleanly, define the names SPEC §5
/// promises, and document every function.
struct StdlibTests {
    /// The functions SPEC §5 "Learning" and the stdlib brief promise, by file.
    static let promised = [
        "nn.dtr": ["linear_init", "linear", "mlp_init", "mlp", "timestep_embedding",
                   "routed_block", "denoiser_init", "denoiser", "param_count"],
        "optim.dtr": ["adam_init", "adam_step", "sgd_step", "ema_update", "cluster_of", "cluster_timesteps",
                      "cluster_mean", "uw_init", "uw_loss", "clip_grad_norm", "eps_losses"],
        "samplers.dtr": ["sampler_noise", "ddpm_sample", "ddim_sample", "predict_x0", "predict_eps", "velocity", "sample"],
    ]

    @Test func theStandardLibraryLoadsWithoutErrors() {
        let session = Session(options: SessionOptions(root: "."), output: CapturedOutput())
        #expect(session.loadStandardLibrary() == nil)
    }

    @Test func everyPromisedFunctionIsDefined() {
        let out = CapturedOutput()
        let session = Session(options: SessionOptions(root: "."), output: out)
        _ = session.loadStandardLibrary()
        for name in Self.promised.values.flatMap({ $0 }).sorted() {
            let outcome = session.run(SourceFile(name: "check", text: "print(type(\(name)))"))
            #expect(outcome.diagnostics.isEmpty, "\(name) is not defined")
            #expect(out.take() == "function\n", "\(name) is not a function")
        }
    }

    @Test func everyFunctionHasACommentRightAboveIt() {
        let files = StandardLibrary.files()
        #expect(files.count >= 4)
        for (path, text) in files {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            for (i, line) in lines.enumerated() where line.hasPrefix("fn ") {
                #expect(i > 0 && lines[i - 1].hasPrefix("#"), "\(path):\(i + 1): \(line) has no comment above it")
            }
            let file = String(path.split(separator: "/").last ?? "")
            for name in Self.promised[file] ?? [] {
                #expect(lines.contains { $0.hasPrefix("fn \(name)(") }, "\(path) does not define \(name)")
            }
        }
    }
}
