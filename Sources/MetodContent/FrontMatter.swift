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
        // Works on UTF-8 bytes: a document may be megabytes long, and Character iteration is slow.
        var text = text
        if text.utf8.starts(with: [0xEF, 0xBB, 0xBF]) { text.removeFirst() }
        // Searched in the bytes in place: through `String.UTF8View` this scan of every file
        // cost more than finding its front matter.
        if text.utf8.withContiguousStorageIfAvailable({ $0.contains(13) }) ?? text.utf8.contains(13) {
            text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        if text.utf8.allSatisfy({ $0 == 32 || $0 == 10 || $0 == 9 }) { return .failure(.empty) }
        let bytes = text.utf8
        var lineStart = bytes.startIndex
        var lineNumber = 1
        var yamlStart: String.Index?
        while lineStart < bytes.endIndex {
            let lineEnd = bytes[lineStart...].firstIndex(of: 10) ?? bytes.endIndex
            let line = Substring(text[lineStart..<lineEnd]).trimmingTrailingSpaces
            if lineNumber == 1 {
                guard line == "---" else { return .failure(.missingOpening) }
                yamlStart = lineEnd < bytes.endIndex ? bytes.index(after: lineEnd) : lineEnd
            } else if line == "---" || line == "..." {
                let yaml = String(text[yamlStart!..<lineStart].dropLast(lineStart > yamlStart! ? 1 : 0))
                let bodyStart = lineEnd < bytes.endIndex ? bytes.index(after: lineEnd) : lineEnd
                return .success(FrontMatter(yaml: yaml, yamlFirstLine: 2, body: String(text[bodyStart...]), bodyFirstLine: lineNumber + 1))
            }
            lineNumber += 1
            lineStart = lineEnd < bytes.endIndex ? bytes.index(after: lineEnd) : bytes.endIndex
        }
        return .failure(.unclosed)
    }
}

extension Substring {
    var trimmingTrailingSpaces: Substring {
        var s = self
        while let last = s.last, last == " " || last == "\t" { s.removeLast() }
        return s
    }
}
