/// Small, safe edits to cmark's HTML: it never contains raw user HTML (safe mode), so a
/// literal `<h2>` in it can only be a heading cmark wrote.
enum HTMLPostProcessor {
    static func addHeadingAnchors(_ html: String, headings: [Heading]) -> String {
        guard !headings.isEmpty else { return html }
        var index = 0
        return replacing(in: html, openers: ["<h1>", "<h2>", "<h3>", "<h4>", "<h5>", "<h6>"]) { found in
            guard index < headings.count, found == "<h\(headings[index].level)>" else { return nil }
            defer { index += 1 }
            return "<h\(headings[index].level) id=\"\(headings[index].anchor)\">"
        }
    }

    /// Wide tables scroll inside their own box on a phone instead of widening the page.
    static func wrapTables(_ html: String) -> String {
        replacing(in: html, openers: ["<table>", "</table>"]) { found in
            found == "<table>" ? "<div class=\"table-wrap\"><table>" : "</table></div>"
        }
    }

    /// Replaces ASCII tags found by a byte scan (Foundation's string search is slow on large
    /// pages). Bytes between matches are copied in runs; with no match the page is returned as is.
    static func replacing(in html: String, openers: [String], with replacement: (String) -> String?) -> String {
        let patterns = openers.map { Array($0.utf8) }
        var html = html
        let changed: [UInt8]? = html.withUTF8 { bytes in
            var out: [UInt8] = []
            var copied = 0  // bytes before this offset are in `out`
            var i = 0
            while i < bytes.count {
                guard bytes[i] == 0x3C,
                      let pattern = patterns.first(where: { bytes.count - i >= $0.count && bytes[i..<i + $0.count].elementsEqual($0) }),
                      let new = replacement(String(decoding: pattern, as: UTF8.self))
                else {
                    i += 1
                    continue
                }
                if out.isEmpty { out.reserveCapacity(bytes.count + 256) }
                out.append(contentsOf: bytes[copied..<i])
                out.append(contentsOf: new.utf8)
                i += pattern.count
                copied = i
            }
            guard copied > 0 else { return nil }
            out.append(contentsOf: bytes[copied...])
            return out
        }
        return changed.map { String(decoding: $0, as: UTF8.self) } ?? html
    }
}
