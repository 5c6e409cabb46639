import Testing
@testable import MetodMarkdown

@Suite struct MarkdownRendererTests {
    func render(_ source: String, lineOffset: Int = 0) -> (RenderedMarkdown, [MarkdownLink]) {
        var seen: [MarkdownLink] = []
        let result = MarkdownRenderer.render(source, lineOffset: lineOffset) { link in
            seen.append(link)
            if link.target.contains("missing") { return .broken }
            return .resolved(url: "../practices/\(link.target.replacingOccurrences(of: "../practices/", with: "").replacingOccurrences(of: ".md", with: "")).html", title: "Заголовок «\(link.target)»")
        }
        return (result, seen)
    }

    @Test func rawHTMLIsNotPassedThrough() {
        let (result, _) = render("До <script>alert(1)</script> после\n\n<iframe src=x></iframe>\n\n[x](javascript:alert(1))")
        #expect(!result.html.contains("<script"))
        #expect(!result.html.contains("<iframe"))
        #expect(!result.html.contains("javascript:"))
    }

    @Test func gfmExtensionsAreOn() {
        let (result, _) = render("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ https://example.org\n\n- [x] done")
        #expect(result.html.contains("<table>"))
        #expect(result.html.contains("<del>old</del>"))
        #expect(result.html.contains("<a href=\"https://example.org\">"))
        #expect(result.html.contains("checkbox"))
        #expect(result.plainText.contains("1\n2"))
    }

    @Test func wikiLinksAreResolvedWithTheirSourcePositions() {
        let (result, links) = render("Первая строка\n\nСм. [[abc]] и [[def|свой текст]].", lineOffset: 10)
        #expect(links.count == 2)
        #expect(links[0] == MarkdownLink(kind: .wiki(hasText: false), target: "abc", line: 13, column: 5))
        #expect(links[1] == MarkdownLink(kind: .wiki(hasText: true), target: "def", line: 13, column: 15))
        #expect(result.html.contains("<a href=\"../practices/abc.html\">Заголовок «abc»</a>"))
        #expect(result.html.contains("<a href=\"../practices/def.html\">свой текст</a>"))
    }

    @Test func relativeLinksReportTheirColumnAfterCyrillicAndWikiLinks() {
        let (_, links) = render("Текст [[a]] и [тут](../practices/x.md).")
        #expect(links.count == 2)
        #expect(links[1].kind == .relative)
        #expect(links[1].target == "../practices/x.md")
        #expect(links[1].line == 1)
        #expect(links[1].column == 15)
    }

    @Test func wikiSyntaxInCodeIsLeftAlone() {
        let (result, links) = render("`[[a]]`\n\n```\n[[b]]\n```")
        #expect(links.isEmpty)
        #expect(result.html.contains("[[a]]"))
        #expect(result.html.contains("[[b]]"))
    }

    @Test func brokenLinksAreInert() {
        let (result, links) = render("[x](../practices/missing.md)")
        #expect(links.count == 1)
        #expect(result.html.contains("<a href=\"\">x</a>"))
    }

    @Test func externalLinksAndAnchorsAreNotResolved() {
        let (_, links) = render("[a](https://x.ru) [b](#part) [c](mailto:a@b.ru)")
        #expect(links.isEmpty)
    }

    @Test func headingsGetUniqueTransliteratedAnchors() {
        let (result, _) = render("## 1. Общие положения\n\n## Цели\n\n## Цели")
        #expect(result.headings.map(\.anchor) == ["1-obshchie-polozheniya", "tseli", "tseli-2"])
        #expect(result.html.contains("<h2 id=\"1-obshchie-polozheniya\">1. Общие положения</h2>"))
        #expect(result.html.contains("<h2 id=\"tseli-2\">"))
    }

    @Test func headingsNeverTakeAnIDTheTemplateUses() {
        let result = MarkdownRenderer.render("## План\n\n## План", reservedAnchors: ["plan"]) { _ in .broken }
        #expect(result.headings.map(\.anchor) == ["plan-2", "plan-3"])
    }

    @Test func wikiLabelsAreEscaped() {
        let (result, _) = render("[[a|<b>жирный</b>]]")
        #expect(!result.html.contains("<b>"))
    }
}
