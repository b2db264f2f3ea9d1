/// The kind of a parameter literal, read from its first characters: what `--set` must match.
public enum ParameterKind: String, Equatable, Sendable {
    case number, string, bool, list

    /// The kind of `literal`, or nil when it is not recognisably a literal (a name or a
    /// call; ``ParameterBinding`` explains those).
    public init?(literal: String) {
        let text = literal.trimmedSpaces
        guard let first = text.unicodeScalars.first else { return nil }
        if text == "true" || text == "false" {
            self = .bool
        } else if first == "\"" {
            self = .string
        } else if first == "[" {
            self = .list
        } else if ("0"..."9").contains(first) || first == "-" || first == "+" || first == "." {
            self = .number
        } else {
            return nil
        }
    }

    /// "a number", "a string", "true or false", "a list".
    public var described: String {
        switch self {
        case .number: "a number"
        case .string: "a string"
        case .bool: "true or false"
        case .list: "a list"
        }
    }
}
