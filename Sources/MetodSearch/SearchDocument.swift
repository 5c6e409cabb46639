import MetodCore

/// The fields of a document the index knows, in the order their positions are counted.
public enum SearchField: Int, CaseIterable, Sendable {
    case title, summary, headings, tags, references, details, body

    /// The key in `index.json`.
    public var name: String {
        switch self {
        case .title: "title"
        case .summary: "summary"
        case .headings: "headings"
        case .tags: "tags"
        case .references: "references"
        case .details: "details"
        case .body: "body"
        }
    }

    /// Field weight: title > headings and summary > tags, deficits and indicators > body.
    public var weight: Double {
        switch self {
        case .title: 8
        case .summary, .headings: 3
        case .tags, .references: 2
        case .details, .body: 1
        }
    }

    /// BM25 length normalisation (b): long bodies should not win by length, a title barely varies.
    public var lengthNormalization: Double {
        switch self {
        case .title: 0.3
        case .summary, .headings: 0.5
        case .tags, .references: 0
        case .details, .body: 0.75
        }
    }
}

/// One document as the search index sees it: plain text per field and its facet values. A
/// value whose fields sit behind one reference (`CopyOnWrite`): serve's index passes 10,000 of
/// them from its cache to the index and on.
public struct SearchDocument: Sendable {
    private struct Fields: Sendable {
        var id: String
        var url: SitePath
        var type: String
        var title: String
        var summary: String
        var headings: [String]
        var tags: [String]
        var references: [String]
        var details: [String]
        var body: String
        var facets: [String: [String]]
    }

    private var fields: CopyOnWrite<Fields>

    public var id: String {
        get { fields.value.id }
        set { fields.value.id = newValue }
    }
    /// The page, relative to the site root.
    public var url: SitePath {
        get { fields.value.url }
        set { fields.value.url = newValue }
    }
    /// Key of the document type (`practice`); one of `SearchCatalog.types`.
    public var type: String {
        get { fields.value.type }
        set { fields.value.type = newValue }
    }
    public var title: String {
        get { fields.value.title }
        set { fields.value.title = newValue }
    }
    public var summary: String {
        get { fields.value.summary }
        set { fields.value.summary = newValue }
    }
    public var headings: [String] {
        get { fields.value.headings }
        set { fields.value.headings = newValue }
    }
    public var tags: [String] {
        get { fields.value.tags }
        set { fields.value.tags = newValue }
    }
    /// Titles of the deficits and indicators the document refers to.
    public var references: [String] {
        get { fields.value.references }
        set { fields.value.references = newValue }
    }
    /// Front matter text: table cells (plans, roles, activities), lists and single values.
    public var details: [String] {
        get { fields.value.details }
        set { fields.value.details = newValue }
    }
    /// The body as plain text, one block per line.
    public var body: String {
        get { fields.value.body }
        set { fields.value.body = newValue }
    }
    /// Facet name → keys of its values (`deficit` → [`def-01`]).
    public var facets: [String: [String]] {
        get { fields.value.facets }
        set { fields.value.facets = newValue }
    }

    public init(
        id: String, url: SitePath, type: String, title: String, summary: String = "", headings: [String] = [],
        tags: [String] = [], references: [String] = [], details: [String] = [], body: String = "",
        facets: [String: [String]] = [:]
    ) {
        fields = CopyOnWrite(Fields(
            id: id, url: url, type: type, title: title, summary: summary, headings: headings, tags: tags,
            references: references, details: details, body: body, facets: facets))
    }

    /// The text of a field; list fields put one item per line, so phrases never join two items.
    func text(of field: SearchField) -> String {
        switch field {
        case .title: title
        case .summary: summary
        case .headings: headings.joined(separator: "\n")
        case .tags: tags.joined(separator: "\n")
        case .references: references.joined(separator: "\n")
        case .details: details.joined(separator: "\n")
        case .body: body
        }
    }
}

/// A labelled value: a document type, a facet value.
public struct SearchLabel: Sendable, Hashable {
    public var key: String
    public var label: String

    public init(key: String, label: String) {
        self.key = key
        self.label = label
    }
}

/// A filter of the search page with its values in display order.
public struct SearchFacet: Sendable {
    /// The URL parameter and the key in `SearchDocument.facets` (`deficit`).
    public var name: String
    /// The heading of the filter («Дефицит»).
    public var label: String
    public var values: [SearchLabel]

    public init(name: String, label: String, values: [SearchLabel]) {
        self.name = name
        self.label = label
        self.values = values
    }
}

/// Everything about the bank the search needs besides the documents.
public struct SearchCatalog: Sendable {
    /// Document types in display order (key and singular name).
    public var types: [SearchLabel]
    public var facets: [SearchFacet]

    public init(types: [SearchLabel], facets: [SearchFacet]) {
        self.types = types
        self.facets = facets
    }
}
