/// A link found in a Markdown body, with its position in the source file.
public struct MarkdownLink: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// `[[id]]` or `[[id|текст]]`; `hasText` is false for the first form.
        case wiki(hasText: Bool)
        /// An ordinary Markdown link with a relative destination (`../practices/x.md#fragment`).
        case relative
    }

    public var kind: Kind
    /// The id of a wiki link, or the destination as written (`../practices/x.md#part`).
    public var target: String
    /// Line and column in the Markdown source handed to the renderer, counted from 1.
    public var line: Int
    public var column: Int
}

/// What a link becomes in the page: the resolver's answer for each link.
public enum LinkResolution: Sendable, Equatable {
    /// Points the link at `url`; a wiki link without text also takes `title` as its text.
    case resolved(url: String, title: String)
    /// The target does not exist; the link is rendered inert and the caller reports it.
    case broken
}

/// A heading of the body with the anchor the page gives it.
public struct Heading: Sendable, Hashable {
    public var level: Int
    public var text: String
    public var anchor: String
}

/// The Markdown body converted to Swift values.
public struct RenderedMarkdown: Sendable {
    public var html: String
    public var headings: [Heading]
    public var links: [MarkdownLink]
    /// The text without markup, blocks separated by newlines (for search and summaries).
    public var plainText: String
}
