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
        // Lines are found and compared on the bytes: a roadmap's front matter has hundreds of
        // lines, and trimming each as Characters showed in profiles.
        enum Split { case found(yamlStart: Int, yamlEnd: Int, bodyStart: Int, bodyFirstLine: Int), problem(Problem) }
        let split = text.withUTF8 { bytes -> Split in
            var yamlStart = 0
            var split = Split.problem(.unclosed)
            bytes.forEachLine { lineNumber, line in
                var end = line.upperBound
                while end > line.lowerBound, bytes[end - 1] == 32 || bytes[end - 1] == 9 { end -= 1 }
                func isThree(_ byte: UInt8) -> Bool {
                    end - line.lowerBound == 3 && bytes[line.lowerBound] == byte && bytes[line.lowerBound + 1] == byte && bytes[line.lowerBound + 2] == byte
                }
                let next = Swift.min(line.upperBound + 1, bytes.count)
                if lineNumber == 1 {
                    guard isThree(UInt8(ascii: "-")) else {
                        split = .problem(.missingOpening)
                        return false
                    }
                    yamlStart = next
                } else if isThree(UInt8(ascii: "-")) || isThree(UInt8(ascii: ".")) {
                    // The YAML ends before the line break that ends its last line.
                    split = .found(yamlStart: yamlStart, yamlEnd: Swift.max(yamlStart, line.lowerBound - 1), bodyStart: next, bodyFirstLine: lineNumber + 1)
                    return false
                }
                return true
            }
            return split
        }
        switch split {
        case .problem(let problem): return .failure(problem)
        case let .found(yamlStart, yamlEnd, bodyStart, bodyFirstLine):
            let utf8 = text.utf8
            func index(_ offset: Int) -> String.Index { utf8.index(utf8.startIndex, offsetBy: offset) }
            return .success(FrontMatter(
                yaml: String(text[index(yamlStart)..<index(yamlEnd)]), yamlFirstLine: 2,
                body: String(text[index(bodyStart)...]), bodyFirstLine: bodyFirstLine))
        }
    }
}
