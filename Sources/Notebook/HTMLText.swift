import Foundation

/// Escaping and URL checks for the HTML exporter. Every piece of notebook text reaches the
/// page through ``escape(_:)`` so that `<script>` in a cell or in prose is shown, never run.
enum HTMLText {
    /// Escapes `& < > " '` for element content and quoted attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\r": continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A link target that is safe to put in `href`/`src`: relative paths, fragments and
    /// `http`, `https`, `mailto` URLs. Anything else (`javascript:`, `data:`, …) is nil.
    static func safeURL(_ raw: String) -> String? {
        let url = raw.trimmedSpaces
        guard !url.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return nil }
        let schemeEnd = url.unicodeScalars.firstIndex { ":/?#".unicodeScalars.contains($0) }
        if let end = schemeEnd, url.unicodeScalars[end] == ":" {
            let scheme = String(url.unicodeScalars[..<end]).lowercased()
            guard ["http", "https", "mailto"].contains(scheme) else { return nil }
        }
        return url
    }

    /// A `data:` URI for an image file's bytes, with the MIME type taken from the extension.
    static func dataURI(_ bytes: [UInt8], path: String) -> String? {
        let types = ["png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif",
                     "svg": "image/svg+xml", "webp": "image/webp"]
        let ext = (path as NSString).pathExtension.lowercased()
        guard let type = types[ext] else { return nil }
        return "data:\(type);base64," + Data(bytes).base64EncodedString()
    }
}
