import Foundation
import MetodCore
import MetodMarkdown

/// What a link of a body became and what it adds: a reference, a published file, a problem.
public struct LinkOutcome: Sendable {
    var resolution: LinkResolution
    var reference: Reference?
    var file: ContentPath?
    var problem: Diagnostic?
    /// The number of the document `reference` leads to, in the graph it was resolved in.
    var target: Int?

    /// The files these links lead to and their problems, each in order.
    static func filesAndProblems(of outcomes: [LinkOutcome]) -> ([ContentPath], [Diagnostic]) {
        // By index: an outcome holds several strings, and copying each one showed in profiles.
        var files: [ContentPath] = []
        var problems: [Diagnostic] = []
        for k in outcomes.indices {
            if let file = outcomes[k].file { files.append(file) }
            if let problem = outcomes[k].problem { problems.append(problem) }
        }
        return (files, problems)
    }

    init(resolution: LinkResolution, reference: Reference? = nil, file: ContentPath? = nil, problem: Diagnostic? = nil, target: Int? = nil) {
        self.resolution = resolution
        self.reference = reference
        self.file = file
        self.problem = problem
        self.target = target
    }
}

/// Rendered bodies kept between builds of one process (`serve`), so that a rebuild renders
/// only the documents whose text or link targets changed.
public final class RenderCache: @unchecked Sendable {
    /// A class: a rebuild looks at every kept body, and copying one as a value (a dozen
    /// references) per document showed in profiles.
    final class Body: Sendable {
        let text: String
        let firstLine: Int
        let markdown: RenderedMarkdown
        /// The body's links and, parallel to them, what each became (kept as an array of its
        /// own, so a reused body hands it over without copying).
        let links: [MarkdownLink]
        let outcomes: [LinkOutcome]
        /// `ContentGraph.RenderedBody.targets`.
        let targets: [Int]
        /// `ContentGraph.hash(of: markdown)`.
        let hash: Int
        /// The files the links lead to and the links' problems, in order: taken as they are when
        /// the body is reused, without reading every outcome again.
        let files: [ContentPath]
        let problems: [Diagnostic]

        init(text: String, firstLine: Int, markdown: RenderedMarkdown, links: [MarkdownLink], outcomes: [LinkOutcome], targets: [Int], hash: Int) {
            self.text = text
            self.firstLine = firstLine
            self.markdown = markdown
            self.links = links
            self.outcomes = outcomes
            self.targets = targets
            self.hash = hash
            (files, problems) = LinkOutcome.filesAndProblems(of: outcomes)
        }
    }

    private var bodies: [ContentPath: Body] = [:]
    private var linkTargets: Int?
    private var keptPermalinks: (key: Int, permalinks: Permalinks)?
    private var keptLinkTargetTable: [ContentGraph.LinkTarget]?
    private let lock = NSLock()

    public init() {}

    /// The bodies kept, taken out for one build (`ContentGraph.build` hands them back with
    /// `keep`).
    func takeBodies() -> [ContentPath: Body] {
        lock.withLock {
            defer { bodies = [:] }
            return bodies
        }
    }

    func keep(_ kept: [ContentPath: Body]) {
        lock.withLock { bodies = kept }
    }

    /// Records the link targets of this build; whether they are those of the previous one.
    func replaceLinkTargets(_ key: Int) -> Bool {
        lock.lock(); defer { lock.unlock() }
        defer { linkTargets = key }
        return linkTargets == key
    }

    /// What links need of each document (`ContentGraph.LinkTarget`), kept while the link
    /// targets are unchanged.
    var linkTargetTable: [ContentGraph.LinkTarget]? {
        get { lock.withLock { keptLinkTargetTable } }
        set { lock.withLock { keptLinkTargetTable = newValue } }
    }

    private var keptBackReferences: (edges: [[ContentGraph.Edge]], table: BackReferenceTable)?

    /// The back-references of the last build, with the edges they were filed from: the same
    /// table while every document gives the same edges (most edits change no reference).
    func backReferences(for edges: [[ContentGraph.Edge]], documents: Int) -> BackReferenceTable {
        if let kept = lock.withLock({ keptBackReferences }), kept.table.count == documents, kept.edges == edges {
            return kept.table
        }
        let table = BackReferenceTable(documents: documents, edges: edges)
        lock.withLock { keptBackReferences = (edges, table) }
        return table
    }

    /// The short addresses of these documents: the same as last build's while every document's
    /// id, date and former ids (in graph order) are the same.
    func permalinks(for documents: [Document]) -> Permalinks {
        let key = Hasher.ofParts(documents.count) { i, hasher in
            hasher.combineText(documents[i].id)
            hasher.combine(documents[i].date)
            hasher.combine(documents[i].aliases.count)
            for alias in documents[i].aliases { hasher.combineText(alias) }
        }.finalize()
        if let kept = lock.withLock({ keptPermalinks }), kept.key == key { return kept.permalinks }
        let permalinks = Permalinks(documents: documents)
        lock.withLock { keptPermalinks = (key, permalinks) }
        return permalinks
    }
}
