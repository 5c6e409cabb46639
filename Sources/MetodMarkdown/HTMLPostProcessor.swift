import MetodCore

/// Small, safe edits to cmark's HTML: it never contains raw user HTML (safe mode), so a
/// literal `<h2>` in it can only be a heading cmark wrote.
enum HTMLPostProcessor {
    /// cmark's HTML with an anchor on each heading (`headings`, in order) and each table in a
    /// box of its own, so wide tables scroll on a phone instead of widening the page.
    ///
    /// One pass over the bytes cmark wrote, jumping from `<` to `<`; bytes between changes are
    /// copied in runs, and the text is made a `String` once (Foundation's string search and
    /// one pass per edit were slow on large pages).
    static func finish(_ html: UnsafeBufferPointer<UInt8>, headings: [Heading]) -> String {
        var out: [UInt8] = []
        var copied = 0  // bytes before this offset are in `out`
        var nextHeading = 0
        var i = 0
        while let found = html.firstIndex(of: 0x3C, from: i) {
            i = found
            let rest = UnsafeBufferPointer(rebasing: html[i...])
            let replacement: String?
            var length = 0
            if rest.starts(with: "<table>".utf8) {
                replacement = "<div class=\"table-wrap\"><table>"
                length = 7
            } else if rest.starts(with: "</table>".utf8) {
                replacement = "</table></div>"
                length = 8
            } else if nextHeading < headings.count, rest.count >= 4, rest[1] == UInt8(ascii: "h"), rest[3] == UInt8(ascii: ">"),
                      Int(rest[2]) - Int(UInt8(ascii: "0")) == headings[nextHeading].level {
                let heading = headings[nextHeading]
                replacement = "<h\(heading.level) id=\"\(heading.anchor)\">"
                length = 4
                nextHeading += 1
            } else {
                replacement = nil
            }
            guard let replacement else {
                i += 1
                continue
            }
            if out.isEmpty { out.reserveCapacity(html.count + 256) }
            out.append(contentsOf: html[copied..<i])
            out.append(contentsOf: replacement.utf8)
            i += length
            copied = i
        }
        guard copied > 0 else { return String(decoding: html, as: UTF8.self) }
        out.append(contentsOf: html[copied...])
        return String(decoding: out, as: UTF8.self)
    }
}
