import Foundation
import Language

/// Help text for functions written in dtr itself (`stdlib/*.dtr`): the `#` comment lines
/// right above `fn NAME`, with the signature line, as `:help NAME` shows them.
enum StdlibDocs {
    /// Doc text by function name, read once from the stdlib folder.
    static let byName: [String: String] = {
        guard let dir = StandardLibrary.directory,
              let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return [:] }
        var docs: [String: String] = [:]
        for name in names.sorted() where name.hasSuffix(".dtr") {
            guard let data = FileManager.default.contents(atPath: dir + "/" + name) else { continue }
            docs.merge(parse(String(decoding: data, as: UTF8.self), file: "stdlib/" + name)) { first, _ in first }
        }
        return docs
    }()

    /// `name → "signature\n\ncomment\n\n(stdlib/file.dtr)"` for each documented `fn`.
    static func parse(_ text: String, file: String) -> [String: String] {
        var docs: [String: String] = [:]
        var comment: [String] = []
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("#") {
                comment.append(String(line.drop { $0 == "#" }.drop { $0 == " " }))
            } else if line.hasPrefix("fn ") {
                let header = line.dropFirst(3)
                let name = String(header.prefix { $0 == "_" || $0.isLetter || $0.isNumber })
                if !name.isEmpty {
                    let parameters = header.firstIndex(of: ")").map { header[...$0] } ?? header
                    let signature = "fn " + String(parameters).trimmingCharacters(in: .whitespaces)
                    let body = comment.isEmpty ? "" : "\n\n" + comment.joined(separator: "\n")
                    docs[name] = signature + body + "\n\n(\(file))"
                }
                comment = []
            } else {
                comment = []
            }
        }
        return docs
    }
}
