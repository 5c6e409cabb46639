internal import CCmarkGFM
import Foundation
import MetodCore

/// Converts a Markdown body to HTML with libcmark-gfm; the only place that talks to the C library.
///
/// Raw HTML is never passed through (cmark's safe mode plus the tag filter), links to other
/// documents are handed to a resolver and rewritten, headings get stable anchors.
public enum MarkdownRenderer {
    private static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

    private static let registerExtensions: Void = {
        cmark_gfm_core_extensions_ensure_registered()
    }()

    /// Renders `source`. Lines are reported as `lineOffset + line in source`, so a body that
    /// starts on line 12 of its file gives file lines.
    public static func render(
        _ source: String,
        lineOffset: Int = 0,
        reservedAnchors: Set<String> = [],
        resolve: (MarkdownLink) -> LinkResolution
    ) -> RenderedMarkdown {
        _ = registerExtensions
        var wiki = WikiLinkRewriter()
        let rewritten = wiki.rewrite(source)
        let originalLines = LazyLines(source)

        let options = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_GITHUB_PRE_LANG
        guard let parser = cmark_parser_new(options) else { fatalError("cmark_parser_new failed") }
        defer { cmark_parser_free(parser) }
        for name in extensionNames {
            if let ext = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, ext)
            }
        }
        if let rewritten {
            // Fed as a C string would be: up to the first NUL byte, if any.
            rewritten.withUnsafeBufferPointer { bytes in
                bytes.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.firstIndex(of: 0) ?? $0.count) }
            }
        } else {
            source.withCString { cmark_parser_feed(parser, $0, strlen($0)) }
        }
        guard let root = cmark_parser_finish(parser) else { fatalError("cmark_parser_finish failed") }
        defer { cmark_node_free(root) }

        var links: [MarkdownLink] = []
        var headings: [Heading] = []
        var anchors = AnchorNamer(reserved: reservedAnchors)
        var plain = PlainTextCollector()

        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if event == CMARK_EVENT_ENTER {
                switch type {
                case CMARK_NODE_LINK:
                    if let link = resolveLink(node, wiki: wiki, originalLines: originalLines, lineOffset: lineOffset, resolve: resolve) {
                        links.append(link)
                    }
                case CMARK_NODE_HEADING:
                    let text = textContent(of: node)
                    headings.append(Heading(level: Int(cmark_node_get_heading_level(node)), text: text, anchor: anchors.anchor(for: text)))
                default:
                    break
                }
                plain.enter(node, type: type)
            } else if event == CMARK_EVENT_EXIT {
                plain.exit(node, type: type)
            }
        }

        let extensions = cmark_parser_get_syntax_extensions(parser)
        guard let cHTML = cmark_render_html(root, options, extensions) else { fatalError("cmark_render_html failed") }
        defer { free(cHTML) }
        let html = cHTML.withMemoryRebound(to: UInt8.self, capacity: 1) {
            HTMLPostProcessor.finish(UnsafeBufferPointer(start: $0, count: strlen(cHTML)), headings: headings)
        }
        return RenderedMarkdown(html: html, headings: headings, links: links, plainText: plain.text)
    }

    private static func resolveLink(
        _ node: OpaquePointer,
        wiki: WikiLinkRewriter,
        originalLines: LazyLines,
        lineOffset: Int,
        resolve: (MarkdownLink) -> LinkResolution
    ) -> MarkdownLink? {
        guard let cURL = cmark_node_get_url(node) else { return nil }
        let url = String(cString: cURL)
        let link: MarkdownLink
        if url.hasPrefix(WikiLinkRewriter.scheme), let n = Int(url.dropFirst(WikiLinkRewriter.scheme.count)), n < wiki.found.count {
            let found = wiki.found[n]
            link = MarkdownLink(kind: .wiki(hasText: found.text != nil), target: found.id, line: found.line + lineOffset, column: found.column)
        } else if isDocumentReference(url) {
            let line = Int(cmark_node_get_start_line(node))
            let byteColumn = wiki.originalByteColumn(line: line, rewrittenColumn: Int(cmark_node_get_start_column(node)))
            let column = scalarColumn(line: line, byteColumn: byteColumn, lines: originalLines)
            link = MarkdownLink(kind: .relative, target: url, line: line + lineOffset, column: column)
        } else {
            return nil
        }
        switch resolve(link) {
        case .resolved(let target, let title):
            cmark_node_set_url(node, target)
            if case .wiki(hasText: false) = link.kind, let child = cmark_node_first_child(node) {
                cmark_node_set_literal(child, title)
            }
        case .broken:
            cmark_node_set_url(node, "")
        }
        return link
    }

    /// A relative destination without a scheme: another document or a file of the bank.
    static func isDocumentReference(_ url: String) -> Bool {
        if url.isEmpty || url.hasPrefix("#") || url.hasPrefix("//") { return false }
        guard let colon = url.utf8.firstIndex(of: UInt8(ascii: ":")) else { return true }
        let scheme = url[..<colon]
        // Most schemes are ASCII («https»), checked on bytes; others by their characters.
        let isScheme = scheme.utf8.allSatisfy({ $0 < 0x80 })
            ? scheme.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                     UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."): true
                default: false
                }
            }
            : scheme.allSatisfy { $0.isLetter || $0.isNumber || "+-.".contains($0) }
        return !(isScheme && !scheme.isEmpty)
    }

    private static func scalarColumn(line: Int, byteColumn: Int, lines: LazyLines) -> Int {
        guard byteColumn > 1, let start = lines.start(ofLine: line) else { return max(byteColumn, 1) }
        // Unicode scalars before the column: every byte that does not continue a sequence.
        var source = lines.source
        return source.withUTF8 { bytes in
            bytes[start..<min(start + byteColumn - 1, bytes.count)].count { $0 & 0xC0 != 0x80 }
        } + 1
    }

    static func textContent(of node: OpaquePointer) -> String {
        var text = ""
        guard let iterator = cmark_iter_new(node) else { return text }
        defer { cmark_iter_free(iterator) }
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            guard let child = cmark_iter_get_node(iterator), cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER else { continue }
            let type = cmark_node_get_type(child)
            if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE, let literal = cmark_node_get_literal(child) {
                text += String(cString: literal)
            } else if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                text += " "
            }
        }
        return text
    }
}

/// Where the source's lines start (UTF-8 offsets), found only when a relative link needs its
/// column mapped: bodies can be megabytes long and most have no such link.
final class LazyLines {
    let source: String
    private lazy var starts: [Int] = {
        var source = source
        return source.withUTF8 { bytes in
            var starts = [0]
            while let newline = bytes.firstIndex(of: 10, from: starts.last!) {
                starts.append(newline + 1)
            }
            return starts
        }
    }()

    init(_ source: String) { self.source = source }

    /// The UTF-8 offset where 1-based line `number` starts, if the source has it.
    func start(ofLine number: Int) -> Int? {
        number >= 1 && number <= starts.count ? starts[number - 1] : nil
    }
}

/// Gathers the text of a document without markup, one line per block or table cell.
struct PlainTextCollector {
    private(set) var text = ""

    mutating func enter(_ node: OpaquePointer, type: cmark_node_type) {
        switch type {
        case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_CODE_BLOCK:
            if let literal = cmark_node_get_literal(node) { text += String(cString: literal) }
        case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
            text += " "
        default:
            break
        }
    }

    mutating func exit(_ node: OpaquePointer, type: cmark_node_type) {
        switch type {
        case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING, CMARK_NODE_CODE_BLOCK, CMARK_NODE_ITEM:
            newline()
        default:
            if let name = cmark_node_get_type_string(node), strcmp(name, "table_cell") == 0 {
                newline()
            }
        }
    }

    private mutating func newline() {
        if !text.isEmpty, !text.hasSuffix("\n") { text += "\n" }
    }
}

/// Gives each heading a unique ASCII anchor from its transliterated text.
struct AnchorNamer {
    private var used: [String: Int] = [:]

    /// `reserved` are ids the page template uses itself; a heading never takes one of them.
    init(reserved: Set<String> = []) {
        for id in reserved { used[id] = 1 }
    }

    mutating func anchor(for text: String) -> String {
        var base = Transliteration.slug(text)
        if base.isEmpty { base = "razdel" }
        if let count = used[base] {
            used[base] = count + 1
            return "\(base)-\(count + 1)"
        }
        used[base] = 1
        return base
    }
}
