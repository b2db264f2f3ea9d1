/// What the text before the cursor is in the middle of, for tab completion.
enum CompletionContext: Equatable {
    /// A meta-command name after `:` at the start of the line.
    case metaCommand(word: String)
    /// A file path (after `:load` / `:save`).
    case path(word: String)
    /// A name to look up with `:help`.
    case helpName(word: String)
    /// A field after `path.` (`cfg.inner.al` → path `["cfg", "inner"]`, word `al`).
    case field(path: [String], word: String)
    /// Inside a string literal that is argument `index` (or named `name`) of `function`.
    case stringArgument(function: String, index: Int?, name: String?, word: String)
    /// A name; `call` is set when the word starts an argument of a call to that function.
    case name(word: String, call: String?)
    /// Nothing to complete (inside a comment, a number, …).
    case none

    /// The text being completed (what readline replaces).
    var word: String {
        switch self {
        case .metaCommand(let w), .path(let w), .helpName(let w): return w
        case .field(_, let w), .stringArgument(_, _, _, let w), .name(let w, _): return w
        case .none: return ""
        }
    }

    /// Classifies `prefix`, the line up to the cursor.
    static func of(_ prefix: String) -> CompletionContext {
        if prefix.hasPrefix(":") {
            guard let space = prefix.firstIndex(where: \.isWhitespace) else { return .metaCommand(word: prefix) }
            let command = prefix[prefix.index(after: prefix.startIndex)..<space]
            let rest = String(prefix[space...].drop(while: \.isWhitespace))
            switch command {
            case "load", "save": return .path(word: rest)
            case "help": return .helpName(word: String(rest.reversed().prefix(while: isNameCharacter).reversed()))
            case "type", "time": return expression(rest)
            default: return .none
            }
        }
        return expression(prefix)
    }

    static func isNameCharacter(_ ch: Character) -> Bool {
        ch == "_" || ch.isLetter || ch.isNumber
    }

    /// An open bracket while scanning: for `(`, the function called and the argument state.
    private struct Open {
        var bracket: Character
        var function: String?
        var commas = 0
        var argumentName: String?
    }

    static func expression(_ text: String) -> CompletionContext {
        let chars = Array(text)
        var stack: [Open] = []
        var stringStart: Int?
        var inComment = false, escaped = false
        var i = 0
        while i < chars.count {
            let ch = chars[i]
            defer { i += 1 }
            if inComment { if ch == "\n" { inComment = false }; continue }
            if stringStart != nil {
                if escaped { escaped = false }
                else if ch == "\\" { escaped = true }
                else if ch == "\"" || ch == "\n" { stringStart = nil }
                continue
            }
            switch ch {
            case "#": inComment = true
            case "\"": stringStart = i
            case "(": stack.append(Open(bracket: "(", function: identifier(endingAt: i, in: chars)))
            case "[", "{": stack.append(Open(bracket: ch))
            case ")", "]", "}": if !stack.isEmpty { stack.removeLast() }
            case ",": if !stack.isEmpty { stack[stack.count - 1].commas += 1; stack[stack.count - 1].argumentName = nil }
            case ":":
                if var top = stack.last, top.bracket == "(", let name = identifier(endingAt: i, in: chars) {
                    top.argumentName = name
                    stack[stack.count - 1] = top
                }
            default: break
            }
        }
        if inComment { return .none }
        if let start = stringStart {
            let word = String(chars[(start + 1)...])
            guard let call = stack.last, call.bracket == "(", let function = call.function else { return .none }
            return .stringArgument(function: function, index: call.argumentName == nil ? call.commas : nil,
                                   name: call.argumentName, word: word)
        }
        var wordStart = chars.count
        while wordStart > 0, isNameCharacter(chars[wordStart - 1]) { wordStart -= 1 }
        let word = String(chars[wordStart...])
        if let first = word.first, first.isNumber { return .none }
        if wordStart > 0, chars[wordStart - 1] == "." {
            guard let path = identifierPath(endingAt: wordStart - 1, in: chars) else { return .none }
            return .field(path: path, word: word)
        }
        var call: String?
        if let top = stack.last, top.bracket == "(", let function = top.function {
            var j = wordStart - 1
            while j >= 0, chars[j] == " " || chars[j] == "\t" { j -= 1 }
            if j >= 0, chars[j] == "(" || chars[j] == "," { call = function }
        }
        return .name(word: word, call: call)
    }

    /// The identifier that ends just before position `end` (skipping spaces), if any.
    static func identifier(endingAt end: Int, in chars: [Character]) -> String? {
        var j = end - 1
        while j >= 0, chars[j] == " " { j -= 1 }
        let last = j
        while j >= 0, isNameCharacter(chars[j]) { j -= 1 }
        guard last > j, let first = chars.indices.contains(j + 1) ? chars[j + 1] : nil, !first.isNumber else { return nil }
        return String(chars[(j + 1)...last])
    }

    /// `a.b.c` ending just before the `.` at `dot`, as `["a", "b", "c"]`.
    static func identifierPath(endingAt dot: Int, in chars: [Character]) -> [String]? {
        var parts: [String] = []
        var end = dot
        while true {
            var j = end - 1
            while j >= 0, isNameCharacter(chars[j]) { j -= 1 }
            guard j + 1 < end, !chars[j + 1].isNumber else { return nil }
            parts.insert(String(chars[(j + 1)..<end]), at: 0)
            if j >= 0, chars[j] == "." { end = j } else { return parts }
        }
    }
}
