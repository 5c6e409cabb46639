/// Small, safe edits to cmark's HTML: it never contains raw user HTML (safe mode), so a
/// literal `<h2>` in it can only be a heading cmark wrote.
enum HTMLPostProcessor {
    static func addHeadingAnchors(_ html: String, headings: [Heading]) -> String {
        guard !headings.isEmpty else { return html }
        var out = ""
        out.reserveCapacity(html.utf8.count + headings.count * 24)
        var rest = html[...]
        var index = 0
        while index < headings.count, let range = rest.range(of: "<h\(headings[index].level)>") {
            out += rest[..<range.lowerBound]
            out += "<h\(headings[index].level) id=\"\(headings[index].anchor)\">"
            rest = rest[range.upperBound...]
            index += 1
        }
        out += rest
        return out
    }

    /// Wide tables scroll inside their own box on a phone instead of widening the page.
    static func wrapTables(_ html: String) -> String {
        guard html.contains("<table>") else { return html }
        return html
            .replacingOccurrences(of: "<table>", with: "<div class=\"table-wrap\"><table>")
            .replacingOccurrences(of: "</table>", with: "</table></div>")
    }
}
