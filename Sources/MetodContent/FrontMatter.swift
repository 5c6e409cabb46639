import MetodCore

/// A document file split into its YAML front matter and its Markdown body.
struct FrontMatter {
    var yaml: String
    /// The file line of the first YAML line (2 when the file starts with `---`).
    var yamlFirstLine: Int
    var body: String
    var bodyFirstLine: Int

    enum Problem: Error, Equatable {
        case empty, missingOpening, unclosed
    }

    /// Splits text whose first line is `---`; accepts a BOM and CRLF line endings.
    static func split(_ text: String) -> Result<FrontMatter, Problem> {
        var text = text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        if text.contains("\r") {
            text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        if text.allSatisfy(\.isWhitespace) { return .failure(.empty) }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, first.trimmingTrailingSpaces == "---" else { return .failure(.missingOpening) }
        guard let close = lines.dropFirst().firstIndex(where: { $0.trimmingTrailingSpaces == "---" || $0.trimmingTrailingSpaces == "..." }) else {
            return .failure(.unclosed)
        }
        let yaml = lines[1..<close].joined(separator: "\n")
        lines.removeFirst(close + 1)
        return .success(FrontMatter(yaml: yaml, yamlFirstLine: 2, body: lines.joined(separator: "\n"), bodyFirstLine: close + 2))
    }
}

extension Substring {
    var trimmingTrailingSpaces: Substring {
        var s = self
        while let last = s.last, last == " " || last == "\t" { s.removeLast() }
        return s
    }
}
