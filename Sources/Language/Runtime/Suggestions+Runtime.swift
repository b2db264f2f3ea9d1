/// "Did you mean …?" candidates for misspelt names and fields.
enum Suggestions {
    /// The candidate closest to `name` by edit distance, if it is close enough to be a
    /// plausible typo (distance ≤ 1 for short names, ≤ 2 otherwise, and less than the length).
    static func closest(to name: String, in candidates: [String]) -> String? {
        let target = Array(name.lowercased())
        var best: (String, Int)?
        for c in candidates where c != name {
            let d = distance(target, Array(c.lowercased()))
            if best == nil || d < (best?.1 ?? Int.max) { best = (c, d) }
        }
        guard let (candidate, d) = best else { return nil }
        let limit = target.count <= 3 ? 1 : 2
        return d <= limit && d < target.count ? candidate : nil
    }

    /// Levenshtein distance with transpositions counted as one edit.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prevprev = [Int](repeating: 0, count: b.count + 1)
        var prev = Array(0...b.count)
        var cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                cur[j] = Swift.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    cur[j] = Swift.min(cur[j], prevprev[j - 2] + 1)
                }
            }
            (prevprev, prev, cur) = (prev, cur, prevprev)
        }
        return prev[b.count]
    }
}
