import Foundation
import Testing

/// Golden-file comparison. `DTR_UPDATE_GOLDEN=1 swift test --filter RenderTests` rewrites the
/// files in `Tests/RenderTests/Golden/` from the current output; review them before committing.
enum Golden {
    static var updating: Bool { ProcessInfo.processInfo.environment["DTR_UPDATE_GOLDEN"] == "1" }

    static func sourceURL(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Golden").appendingPathComponent(name + ".txt")
    }

    /// Expects `text` to equal the stored golden file `name.txt` (or rewrites it when updating).
    static func check(_ name: String, _ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let content = text + "\n"
        if updating {
            try content.write(to: sourceURL(name), atomically: true, encoding: .utf8)
            return
        }
        guard let url = Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Golden") else {
            Issue.record("missing golden file Golden/\(name).txt; run with DTR_UPDATE_GOLDEN=1", sourceLocation: sourceLocation)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(content == expected, "output differs from Golden/\(name).txt", sourceLocation: sourceLocation)
    }
}
