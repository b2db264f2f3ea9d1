/// A `--set NAME=VALUE` from the command line: VALUE is dtr literal source text.
public struct ParameterOverride: Equatable, Sendable {
    /// The parameter's name.
    public var name: String
    /// The literal's source text.
    public var literal: String

    /// Creates an override.
    public init(name: String, literal: String) {
        self.name = name
        self.literal = literal
    }

    /// Parses `NAME=VALUE` (the first `=` separates them; VALUE may contain more).
    public init(parsing argument: String) throws(NotebookError) {
        guard let equals = argument.firstIndex(of: "=") else {
            throw NotebookError(.badParameterOverride, line: nil, "--set expects NAME=VALUE, got '\(argument)'")
        }
        name = String(argument[..<equals]).trimmedSpaces
        literal = String(argument[argument.index(after: equals)...]).trimmedSpaces
        guard FrontMatterParser.isIdentifier(name) else {
            throw NotebookError(.badParameterOverride, line: nil, "--set: '\(name)' is not a parameter name")
        }
        guard !literal.isEmpty else {
            throw NotebookError(.badParameterOverride, line: nil, "--set \(name)= needs a value")
        }
        guard !literal.contains(where: \.isNewline) else {
            throw NotebookError(.badParameterOverride, line: nil, "--set \(name): the value must be on one line")
        }
    }
}

/// A parameter's value for a run: from the front matter, or replaced by `--set`.
public struct ResolvedParameter: Equatable, Sendable {
    /// Where the literal came from, for diagnostics.
    public enum Source: Equatable, Sendable {
        /// The front matter, at this 1-based line and column of the notebook.
        case frontMatter(line: Int, column: Int)
        /// A `--set` argument.
        case commandLine
    }

    /// The parameter's name.
    public var name: String
    /// The literal's source text.
    public var literal: String
    /// Where the literal came from.
    public var source: Source
}

extension NotebookDocument {
    /// The parameters to bind before cell 1, in declaration order, with `overrides`
    /// applied. Naming an undeclared parameter is an error (a usage error, exit 2).
    public func parameters(applying overrides: [ParameterOverride] = []) throws(NotebookError) -> [ResolvedParameter] {
        let declared = frontMatter?.parameters ?? []
        for override in overrides where !declared.contains(where: { $0.name == override.name }) {
            let known = declared.isEmpty ? "the notebook declares no parameters"
                : "declared: " + declared.map(\.name).joined(separator: ", ")
            throw NotebookError(.badParameterOverride, line: nil,
                                "--set \(override.name): no such parameter (\(known))")
        }
        for override in overrides {
            guard let parameter = declared.first(where: { $0.name == override.name }),
                  let expected = ParameterKind(literal: parameter.literal),
                  let given = ParameterKind(literal: override.literal), given != expected else { continue }
            var message = "--set \(override.name): expects \(expected.described) (the front matter has "
                + "\(override.name): \(parameter.literal)), got \(given.described): \(override.literal)"
            if expected == .string { message += "; a string needs quotes: --set '\(override.name)=\"…\"'" }
            throw NotebookError(.badParameterOverride, line: nil, message)
        }
        return declared.map { parameter in
            if let override = overrides.last(where: { $0.name == parameter.name }) {
                return ResolvedParameter(name: parameter.name, literal: override.literal, source: .commandLine)
            }
            return ResolvedParameter(name: parameter.name, literal: parameter.literal,
                                     source: .frontMatter(line: parameter.line, column: parameter.column))
        }
    }
}
