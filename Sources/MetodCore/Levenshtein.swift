/// Suggests the closest of `candidates` to a mistyped `value`, for «did you mean …» hints.
public enum Suggestion {
    public static func closest(to value: String, in candidates: some Sequence<String>) -> String? {
        // A shortened id («otsenivanie» for «otsenivanie-rezultatov») is the commonest slip.
        if value.count >= 4 {
            let extended = candidates.filter { $0.hasPrefix(value) || value.hasPrefix($0) }
            if let shortest = extended.min(by: { ($0.count, $0) < ($1.count, $1) }) { return shortest }
        }
        let limit = max(3, value.count / 2)
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(value, candidate, limit: limit)
            if distance <= limit, best == nil || distance < best!.1 || (distance == best!.1 && candidate < best!.0) {
                best = (candidate, distance)
            }
        }
        return best?.0
    }

    /// Levenshtein distance over Unicode scalars, stopping early above `limit`.
    public static func editDistance(_ a: String, _ b: String, limit: Int = .max) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMin = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                rowMin = min(rowMin, current[j])
            }
            if rowMin > limit { return limit + 1 }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
