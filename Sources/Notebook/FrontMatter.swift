/// The optional block between `---` lines at the very top of a notebook.
///
/// ```
/// ---
/// title: Routing masks
/// params:
///   T: 1000
///   schedule: "cosine"
/// ---
/// ```
/// Parameter values are kept as raw literal source text (the language layer parses them),
/// with the line and column where the literal starts so diagnostics can point into the file.
public struct FrontMatter: Equatable, Sendable {
    /// One `name: literal` entry under `params:`.
    public struct Parameter: Equatable, Sendable {
        /// The parameter's name (an identifier).
        public var name: String
        /// The literal's source text, trimmed (for example `1000`, `"cosine"`, `[1, 2]`).
        public var literal: String
        /// 1-based line of the notebook file holding the entry.
        public var line: Int
        /// 1-based column (in Unicode scalars) where the literal starts.
        public var column: Int
    }

    /// One other top-level `key: value` entry, kept for tools that want it.
    public struct Entry: Equatable, Sendable {
        /// The key.
        public var key: String
        /// The raw value text, trimmed.
        public var value: String
        /// 1-based line of the notebook file.
        public var line: Int
    }

    /// The `title:` value with surrounding quotes removed, if present.
    public var title: String?
    /// The declared parameters, in file order.
    public var parameters: [Parameter]
    /// Other top-level entries (not `title` or `params`).
    public var otherEntries: [Entry]
    /// The exact text of the block, both `---` lines included.
    public var raw: String
    /// 1-based line where the block starts (always 1).
    public var firstLine: Int

    /// The parameter with this name, if declared.
    public func parameter(named name: String) -> Parameter? {
        parameters.first { $0.name == name }
    }
}
