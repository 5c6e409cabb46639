/// Rewrites `[[id]]` and `[[id|текст]]` into ordinary Markdown links before cmark parses the
/// body, remembering where each stood so diagnostics point at the user's text.
struct WikiLinkRewriter {
    struct Found {
        var id: String
        var text: String?
        var line: Int
        var column: Int
    }

    /// A replacement on one line, in UTF-8 byte offsets of the rewritten and the original line.
    struct Shift {
        var rewrittenEnd: Int
        var delta: Int
    }

    private(set) var found: [Found] = []
    private(set) var shifts: [Int: [Shift]] = [:]

    static let scheme = "metodbank-wiki:"

    mutating func rewrite(_ source: String) -> String {
        if !Self.containsDoubleBracket(source) { return source }
        var output = ""
        output.reserveCapacity(source.utf8.count + 64)
        var fence: Substring?
        var lineNumber = 0
        // Lines are cut on UTF-8 bytes: Character-based splitting is slow on long bodies.
        for bytes in source.utf8.split(separator: 10, omittingEmptySubsequences: false) {
            let line = Substring(bytes)
            lineNumber += 1
            if lineNumber > 1 { output += "\n" }
            let trimmed = line.drop(while: { $0 == " " })
            if let open = fence {
                if trimmed.hasPrefix(open) { fence = nil }
                output += line
                continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fence = trimmed.prefix(3)
                output += line
                continue
            }
            if !Self.containsDoubleBracket(line) {
                output += line
                continue
            }
            output += rewriteLine(line, number: lineNumber)
        }
        return output
    }

    /// A quick byte scan: most bodies have no wiki links at all.
    static func containsDoubleBracket<S: StringProtocol>(_ text: S) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte == 0x5B, previous == 0x5B { return true }
            previous = byte
        }
        return false
    }

    private mutating func rewriteLine(_ line: Substring, number: Int) -> String {
        var out = ""
        var lineShifts: [Shift] = []
        var index = line.startIndex
        var inCode = false
        var column = 1
        while index < line.endIndex {
            let ch = line[index]
            if ch == "`" { inCode.toggle() }
            if !inCode, ch == "[", line[index...].hasPrefix("[["),
               let close = Self.closingBrackets(in: line[index...]) {
                let inner = line[line.index(index, offsetBy: 2)..<close.lowerBound]
                if !inner.isEmpty, !inner.contains("[") {
                    let parts = inner.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
                    let id = parts[0].trimmingSpaces
                    let text = parts.count > 1 ? parts[1].trimmingSpaces : nil
                    let n = found.count
                    found.append(Found(id: id, text: text, line: number, column: column))
                    let label = escapeLabel(text ?? id)
                    let replacement = "[\(label)](\(Self.scheme)\(n))"
                    let original = line[index..<close.upperBound]
                    out += replacement
                    lineShifts.append(Shift(rewrittenEnd: out.utf8.count, delta: replacement.utf8.count - original.utf8.count))
                    column += original.unicodeScalars.count
                    index = close.upperBound
                    continue
                }
            }
            out.append(ch)
            column += ch.unicodeScalars.count
            index = line.index(after: index)
        }
        if !lineShifts.isEmpty { shifts[number] = lineShifts }
        return out
    }

    /// The range of the first `]]` in `text`.
    static func closingBrackets(in text: Substring) -> Range<Substring.Index>? {
        var previous: Substring.Index?
        var index = text.utf8.startIndex
        while index < text.utf8.endIndex {
            if text.utf8[index] == 0x5D {
                if let previous { return previous..<text.utf8.index(after: index) }
                previous = index
            } else {
                previous = nil
            }
            index = text.utf8.index(after: index)
        }
        return nil
    }

    private func escapeLabel(_ text: String) -> String {
        var escaped = ""
        for ch in text {
            if "[]\\`*_<>".contains(ch) { escaped.append("\\") }
            escaped.append(ch)
        }
        return escaped
    }

    /// Maps a 1-based UTF-8 byte column of the rewritten text back to the original line.
    func originalByteColumn(line: Int, rewrittenColumn: Int) -> Int {
        guard let lineShifts = shifts[line] else { return rewrittenColumn }
        var delta = 0
        for shift in lineShifts where shift.rewrittenEnd < rewrittenColumn {
            delta += shift.delta
        }
        return rewrittenColumn - delta
    }
}

extension Substring {
    var trimmingSpaces: String {
        String(self.drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
