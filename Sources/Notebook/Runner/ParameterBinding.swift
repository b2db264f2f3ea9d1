import Language

/// Binds a notebook's parameters (front matter, or `--set`) in a session before cell 1.
///
/// Each value must be a dtr literal: a number (optionally negated), a string, `true` or
/// `false`, or a list of literals. Anything else — a name, a call, arithmetic — is refused
/// with a diagnostic pointing at the literal: in the front matter at its line and column of
/// the `.dtrnb` file, or at the `--set` argument.
enum ParameterBinding {
    /// Checks and evaluates every parameter, then binds them all. Returns the diagnostics of
    /// the first parameter that is not a valid literal (nothing is bound then).
    static func bind(_ parameters: [ResolvedParameter], in session: Session, notebookFile: String) -> [Diagnostic] {
        var values: [(String, Value)] = []
        for parameter in parameters {
            switch value(of: parameter, in: session, notebookFile: notebookFile) {
            case .success(let value): values.append((parameter.name, value))
            case .failure(let failure): return failure.diagnostics
            }
        }
        for (name, value) in values { session.set(name, value) }
        return []
    }

    /// The diagnostics explaining why a parameter could not be bound.
    struct Failure: Error {
        var diagnostics: [Diagnostic]
    }

    /// The value of one parameter's literal.
    static func value(of parameter: ResolvedParameter, in session: Session, notebookFile: String) -> Result<Value, Failure> {
        let source = sourceFile(for: parameter, notebookFile: notebookFile)
        let parsed = Parser.parse(source)
        if parsed.hasErrors {
            return .failure(Failure(diagnostics: parsed.diagnostics.filter { $0.kind == .error }))
        }
        let statements = parsed.program.statements
        guard statements.count == 1, case .expression(let expression) = statements[0].kind else {
            let span = statements.dropFirst().first?.span ?? statements.first?.span
            return .failure(Failure(diagnostics: [notALiteral(parameter, at: span)]))
        }
        if let offending = firstNonLiteral(in: expression) {
            var diagnostic = notALiteral(parameter, at: offending.span)
            if case .name(let word) = offending.kind {
                let quoted = "\"" + word + "\""
                diagnostic.notes = [.init(parameter.source == .commandLine
                    ? "a string needs quotes: --set '\(parameter.name)=\(quoted)'"
                    : "a string needs quotes: \(quoted)")]
            }
            return .failure(Failure(diagnostics: [diagnostic]))
        }
        switch session.run(source) {
        case .value(let value):
            return .success(value)
        case let other:
            return .failure(Failure(diagnostics: other.diagnostics))
        }
    }

    /// The literal as a source file whose positions match where the user wrote it: the
    /// front-matter line and column in the notebook, or the `--set` argument.
    static func sourceFile(for parameter: ResolvedParameter, notebookFile: String) -> SourceFile {
        switch parameter.source {
        case .frontMatter(let line, let column):
            let padding = String(repeating: " ", count: max(0, column - 1))
            return SourceFile(name: notebookFile, text: padding + parameter.literal, firstLine: line)
        case .commandLine:
            return SourceFile(name: "--set \(parameter.name)", text: parameter.literal)
        }
    }

    /// The first sub-expression that is not part of a literal, or nil for a literal.
    static func firstNonLiteral(in expression: Expr) -> Expr? {
        switch expression.kind {
        case .number, .string, .bool:
            return nil
        case .unary(.negate, let operand):
            if case .number = operand.kind { return nil }
            return expression
        case .list(let items):
            for item in items {
                if let offending = firstNonLiteral(in: item) { return offending }
            }
            return nil
        default:
            return expression
        }
    }

    private static func notALiteral(_ parameter: ResolvedParameter, at span: SourceSpan?) -> Diagnostic {
        var diagnostic = Diagnostic.error(
            "parameter \"\(parameter.name)\" must be a literal: a number, a string, true/false or a list of literals",
            at: span)
        diagnostic.notes.append(.init("compute derived values in a cell, for example `steps = T / 10`"))
        return diagnostic
    }
}
