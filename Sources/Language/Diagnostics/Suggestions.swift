/// "Did you mean …?" suggestions for misspelt names.
public enum Suggestions {
    /// The candidate closest to `name` by Damerau–Levenshtein distance (optimal string
    /// alignment: insertions, deletions, substitutions and swaps of neighbours each cost 1),
    /// if it is close enough: distance ≤ max(1, name.count / 3). Ties go to the earlier
    /// candidate; a candidate equal to `name` is ignored; a case-only difference wins. Failing
    /// that, the longest candidate of 3 or more characters that `name` starts with
    /// (`"lenght"` → `"len"`).
    ///
    /// ```swift
    /// Suggestions.closest(to: "lenght", among: ["len", "length", "print"])  // "length"
    /// Suggestions.closest(to: "prnt", among: ["print", "len"])              // "print"
    /// ```
    public static func closest(to name: String, among candidates: [String]) -> String? {
        let target = Array(name)
        guard !target.isEmpty, target.count <= 64 else { return nil }
        let threshold = max(1, target.count / 3)
        let lowered = name.lowercased()
        var best: (name: String, distance: Int)? = nil
        for candidate in candidates where candidate != name {
            if candidate.lowercased() == lowered { return candidate }
            let other = Array(candidate)
            guard abs(other.count - target.count) <= threshold else { continue }
            let distance = Self.distance(target, other)
            if distance <= threshold, distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        if let best { return best.name }
        // A typo after a correct stem ("lenght" for "len"): the longest candidate the name starts with.
        return candidates.filter { $0.count >= 3 && $0 != name && lowered.hasPrefix($0.lowercased()) }
            .max { $0.count < $1.count }
    }

    /// Damerau–Levenshtein distance (optimal string alignment) between two strings.
    public static func distance(_ a: String, _ b: String) -> Int {
        distance(Array(a), Array(b))
    }

    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        let width = b.count + 1
        var previous2 = [Int](repeating: 0, count: width)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: width)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previous2[j - 2] + 1)
                }
                current[j] = value
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
