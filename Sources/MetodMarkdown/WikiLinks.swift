import MetodCore

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

    /// The source with its wiki links rewritten, as UTF-8 for cmark; nil when it has none.
    ///
    /// Works on the UTF-8 bytes in place (Character-based splitting is slow on long bodies):
    /// lines are found with `memchr`, and only lines holding `[[` outside code fences are
    /// rewritten; the bytes between them are copied in runs.
    mutating func rewrite(_ source: String) -> [UInt8]? {
        var source = source
        return source.withUTF8 { bytes in
            guard var next = Self.doubleBracket(in: bytes, from: 0) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 64)
            var copied = 0  // bytes before this offset are in `out`
            var fence: Slice<UnsafeBufferPointer<UInt8>>?
            bytes.forEachLine { lineNumber, range in
                let line = bytes[range]
                let trimmed = line.drop(while: { $0 == 0x20 })
                if let open = fence {
                    if trimmed.starts(with: open) { fence = nil }
                    return true
                }
                if trimmed.starts(with: "```".utf8) || trimmed.starts(with: "~~~".utf8) {
                    fence = trimmed.prefix(3)
                    return true
                }
                if next < range.lowerBound {
                    guard let found = Self.doubleBracket(in: bytes, from: range.lowerBound) else { return false }
                    next = found
                }
                guard next + 1 < range.upperBound else { return true }  // both brackets on this line
                out.append(contentsOf: bytes[copied..<range.lowerBound])
                rewriteLine(line, number: lineNumber, into: &out)
                copied = range.upperBound
                return true
            }
            out.append(contentsOf: bytes[copied...])
            return out
        }
    }

    /// Where the first `[[` at or after `start` begins.
    static func doubleBracket(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var index = start
        while let found = bytes.firstIndex(of: 0x5B, from: index), found + 1 < bytes.count {
            if bytes[found + 1] == 0x5B { return found }
            index = found + 1
        }
        return nil
    }

    /// Appends `line` to `out` with its wiki links rewritten.
    private mutating func rewriteLine(_ line: Slice<UnsafeBufferPointer<UInt8>>, number: Int, into out: inout [UInt8]) {
        let bytes = Array(line)
        let lineStart = out.count
        var lineShifts: [Shift] = []
        var inCode = false
        var column = 1, counted = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "`") { inCode.toggle() }
            if !inCode, byte == UInt8(ascii: "["), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "["),
               let close = Self.closingBrackets(in: bytes, from: index + 2) {
                let inner = bytes[(index + 2)..<close]
                if !inner.isEmpty, !inner.contains(UInt8(ascii: "[")) {
                    // Columns count Unicode scalars: every byte that does not continue a sequence.
                    column += bytes[counted..<index].count { $0 & 0xC0 != 0x80 }
                    counted = index
                    let innerText = String(decoding: inner, as: UTF8.self)[...]
                    let parts = innerText.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
                    let id = parts[0].trimmingSpaces
                    let text = parts.count > 1 ? parts[1].trimmingSpaces : nil
                    let n = found.count
                    found.append(Found(id: id, text: text, line: number, column: column))
                    let replacement = "[\(escapeLabel(text ?? id))](\(Self.scheme)\(n))"
                    out.append(contentsOf: replacement.utf8)
                    let originalCount = close + 2 - index
                    lineShifts.append(Shift(rewrittenEnd: out.count - lineStart, delta: replacement.utf8.count - originalCount))
                    index = close + 2
                    continue
                }
            }
            out.append(byte)
            index += 1
        }
        if !lineShifts.isEmpty { shifts[number] = lineShifts }
    }

    /// Where the first `]]` at or after `start` begins.
    static func closingBrackets(in bytes: [UInt8], from start: Int) -> Int? {
        var index = start
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "]"), bytes[index + 1] == UInt8(ascii: "]") { return index }
            index += 1
        }
        return nil
    }

    private static let labelSpecial: [Bool] = (0..<128).map { "[]\\`*_<>".utf8.contains(UInt8($0)) }

    /// Backslash-escapes the characters that would end or format a link label.
    private func escapeLabel(_ text: String) -> String {
        let special = { (byte: UInt8) in byte < 0x80 && Self.labelSpecial[Int(byte)] }
        guard text.utf8.contains(where: special) else { return text }
        var escaped: [UInt8] = []
        for byte in text.utf8 {
            if special(byte) { escaped.append(UInt8(ascii: "\\")) }
            escaped.append(byte)
        }
        return String(decoding: escaped, as: UTF8.self)
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
    /// Without leading and trailing ASCII spaces.
    var trimmingSpaces: String {
        let bytes = utf8
        guard let start = bytes.firstIndex(where: { $0 != 0x20 }) else { return "" }
        let end = bytes.lastIndex(where: { $0 != 0x20 })!
        return String(self[start...end])
    }
}
