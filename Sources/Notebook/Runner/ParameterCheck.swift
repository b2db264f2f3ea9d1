import Language

extension NotebookDocument {
    /// Checks `--set` values the way `dtr run` binds them, without running a cell: each name
    /// must be a declared parameter (else a thrown ``NotebookError``) and each value a valid
    /// literal; the returned diagnostics explain every value that is not. `dtr sweep` checks
    /// each grid value once this way before it starts any run.
    public func check(_ overrides: [ParameterOverride], notebookFile: String) throws(NotebookError) -> [Diagnostic] {
        _ = try parameters(applying: overrides)
        var options = SessionOptions()
        options.loadStandardLibrary = false
        let session = Session(options: options, output: CapturedOutput())
        var problems: [Diagnostic] = []
        for override in overrides {
            let resolved = ResolvedParameter(name: override.name, literal: override.literal, source: .commandLine)
            if case .failure(let failure) = ParameterBinding.value(of: resolved, in: session, notebookFile: notebookFile) {
                problems += failure.diagnostics
            }
        }
        return problems
    }
}
