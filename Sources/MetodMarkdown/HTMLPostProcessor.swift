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

    /// Replaces ASCII tags found by a byte scan (Foundation's string search is slow on large pages).
    static func replacing(in html: String, openers: [String], with replacement: (String) -> String?) -> String {
        let bytes = Array(html.utf8)
        let patterns = openers.map { Array($0.utf8) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 256)
        var i = 0
        var changed = false
        while i < bytes.count {
            if bytes[i] == 0x3C, let pattern = patterns.first(where: { bytes.count - i >= $0.count && bytes[i..<i + $0.count].elementsEqual($0) }),
               let new = replacement(String(decoding: pattern, as: UTF8.self)) {
                out += Array(new.utf8)
                i += pattern.count
                changed = true
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return changed ? String(decoding: out, as: UTF8.self) : html
    }
}
