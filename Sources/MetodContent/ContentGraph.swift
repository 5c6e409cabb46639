import Foundation
import MetodCore
import MetodMarkdown

/// A reference seen from its target: who points here, in what role, from which activity.
public struct BackReference: Hashable, Sendable {
    /// Index of the referring document in `ContentGraph.documents`.
    public var source: Int
    public var role: ReferenceRole
    public var activity: ActivityLabel?
}

/// Per document, who refers to it, sorted by source: one array for the whole bank, each
/// document's part a slice of it, filled in two passes, instead of an array per document grown
/// one reference at a time (about 130,000 references in a bank of 10,000 documents).
public struct BackReferenceTable: RandomAccessCollection, Sendable {
    private let references: [BackReference]
    /// Where each document's part starts; one more than there are documents.
    private let starts: [Int]

    /// `edges[source]` are what document `source` refers to, in order.
    init(documents: Int, edges: [[ContentGraph.Edge]]) {
        // A counting sort, stable: by target, and within a target in the order of the sources.
        var starts = [Int](repeating: 0, count: documents + 1)
        for list in edges {
            for edge in list { starts[edge.target + 1] += 1 }
        }
        for i in 0..<documents { starts[i + 1] += starts[i] }
        var next = starts
        let total = starts[documents]
        references = [BackReference](unsafeUninitializedCapacity: total) { buffer, count in
            for source in edges.indices {
                for edge in edges[source] {
                    (buffer.baseAddress! + next[edge.target]).initialize(to: BackReference(source: source, role: edge.role, activity: edge.activity))
                    next[edge.target] += 1
                }
            }
            count = total
        }
        self.starts = starts
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { starts.count - 1 }

    public subscript(document: Int) -> ArraySlice<BackReference> {
        references[starts[document]..<starts[document + 1]]
    }
}

/// The validated bank: documents in a stable order, their rendered bodies, and every
/// reference with its back-reference.
public struct ContentGraph: Sendable {
    /// Sorted by type (in `DocumentType.allCases` order), then id; without their Markdown `body`
    /// (`bodies` holds it rendered).
    public let documents: [Document]
    /// Bodies rendered to HTML, parallel to `documents`.
    public let bodies: [RenderedMarkdown]
    /// For each document, who refers to it; parallel to `documents`, sorted by source.
    public let backReferences: BackReferenceTable
    /// Files under `content/` that documents attach or link to; copied into the site.
    public let publishedFiles: [ContentFile]
    /// Short addresses of every document and former id.
    public let permalinks: Permalinks
    /// How many bodies this build rendered (the others came from the cache).
    public let renderedBodies: Int
    /// With serve's cache, a hash of each body (HTML, plain text, headings), parallel to
    /// `bodies`: worked out once when a body is rendered, so a rebuild compares pages and search
    /// texts without reading every body again. Empty without a cache.
    public let bodyHashes: [Int]
    /// The page of each document (`Document.sitePath`), parallel to `documents`: made once, as
    /// reading a computed property of an element copied the whole `Document`.
    public let sitePaths: [SitePath]
    /// Per document, the document each front matter reference leads to (by id or former id,
    /// whatever its type), or nil; parallel to `Document.references`. Looked up once here:
    /// serve's rebuild looked every reference up again to fingerprint pages and index entries.
    public let referenceTargets: [[Int?]]

    /// Where each type's documents are in `documents` (they are sorted by type first).
    private let typeRanges: [DocumentType: Range<Int>]
    private let index: [String: Int]
    private let aliasIndex: [String: Int]

    /// The document with this id or former id.
    public func document(id: String) -> Int? { index[id] ?? aliasIndex[id] }

    public func documents(of type: DocumentType) -> [Int] {
        Array(typeRanges[type] ?? 0..<0)
    }

    /// Aliases (former ids) with the document they lead to, sorted by alias.
    public var aliases: [(alias: String, document: Int)] {
        aliasIndex.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Where a file of the bank lands in the site (`content/files/x.pdf` → `files/x.pdf`).
    public static func sitePath(of file: ContentPath) -> SitePath {
        SitePath(String(file.value.dropFirst("content/".count)))
    }
}

extension ContentGraph {
    /// Ids the page templates give their own sections; body headings never take them.
    public static let reservedAnchors: Set<String> = [
        "main", "toc", "roles", "plan", "goal", "tasks", "expected", "values", "deficits", "indicators",
        "attachments", "addressed-by", "activities", "cited-by", "mentioned-by", "by-type", "by-deficit",
        "recent", "results", "qr", "print", "site-search", "site-search-input", "site-search-results", "search-query",
        "search-facets", "search-results", "search-status",
    ]

    /// Indexes ids, renders every body with its links resolved, and checks every reference.
    /// All problems are returned together; the graph is usable for `check` even with errors.
    ///
    /// The content is taken over: its documents lose their Markdown here (see below) without
    /// being copied, as long as the caller keeps no copy of them.
    public static func build(from content: consuming LoadedContent, cache: RenderCache? = nil) -> (ContentGraph, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        // Loops go by index and read fields in place: a `Document` is large, and copying each one
        // per loop (and per comparison while sorting) showed in profiles of serve's rebuild.
        var loaded = content.documents
        let files = content.files
        content.documents = []
        let keys = loaded.indices.map { (loaded[$0].type, loaded[$0].id) }
        // The Markdown is taken out at once: past rendering the HTML and its plain text stand for
        // the body, so a large bank does not carry its sources through rendering and indexing.
        // The loaded documents are let go first, so each sorted one is the only holder of its
        // fields and loses its body in place (copying every document's fields for that, and
        // freeing the originals after, took one core about 0.1 s on 10,000 documents).
        // serve's caches keep every document whole anyway: there the documents keep their
        // bodies, and are not copied to drop them.
        let order = loaded.indices.sorted { keys[$0] < keys[$1] }
        var sorted = order.map { loaded[$0] }
        loaded = []
        // Sorted by type first, so each type's documents are one range.
        var typeRanges: [DocumentType: Range<Int>] = [:]
        for (i, original) in order.enumerated() {
            let type = keys[original].0
            typeRanges[type] = (typeRanges[type]?.lowerBound ?? i)..<(i + 1)
        }
        let texts = sorted.indices.map { sorted[$0].body }
        if cache == nil {
            for i in sorted.indices { sorted[i].body = "" }
        }
        let documents = sorted
        sorted = []
        // Short addresses need only the documents: worked out beside the rest of this step
        // (about 0.02 s of one core on 10,000 documents, otherwise with the other core idle).
        let permalinks = cache == nil ? Background { Permalinks(documents: documents) } : nil

        var index: [String: Int] = [:]
        for i in documents.indices {
            if let first = index[documents[i].id] {
                diagnostics.append(.error(ContentMessage.duplicateID(documents[i].id, other: documents[first].source.value), at: documents[i].idLocation))
            } else {
                index[documents[i].id] = i
            }
        }
        var aliasIndex: [String: Int] = [:]
        for i in documents.indices {
            for alias in documents[i].aliases {
                if let other = index[alias] ?? aliasIndex[alias] {
                    diagnostics.append(.error(ContentMessage.aliasTaken(alias, other: documents[other].source.value), at: documents[i].idLocation))
                } else {
                    aliasIndex[alias] = i
                }
            }
        }
        let bySource = Dictionary(documents.indices.map { (documents[$0].source, $0) }, uniquingKeysWith: { first, _ in first })
        let suggestions = SuggestionIDs(documents: documents, ids: index)

        let (ids, formerIDs) = (index, aliasIndex)
        @Sendable func lookUp(_ id: String) -> Int? { ids[id] ?? formerIDs[id] }

        // Front matter references: the place of each in its document's list, with the document
        // it leads to (on all cores; the problems in document order). Places, not copies: a
        // `Reference` holds several strings, and copying each one showed in profiles.
        let resolvedReferences = documents.indices.parallelMap { i -> (targets: [(place: Int, target: Int)], found: [Int?], problems: [Diagnostic]) in
            var resolved: [(place: Int, target: Int)] = []
            var problems: [Diagnostic] = []
            let written = documents[i].references
            let found = written.indices.map { lookUp(written[$0].id) }
            for place in written.indices {
                guard let target = found[place] else {
                    let reference = written[place]
                    let candidates = reference.role.expectedType.map { suggestions.ids(of: $0) } ?? suggestions.all
                    problems.append(.error(
                        ContentMessage.unknownReference(reference.id, role: reference.role, suggestion: Suggestion.closest(to: reference.id, in: candidates)),
                        at: reference.location))
                    continue
                }
                if let expected = written[place].role.expectedType, documents[target].type != expected {
                    let reference = written[place]
                    problems.append(.error(ContentMessage.wrongReferenceType(reference.id, role: reference.role, actual: documents[target].type), at: reference.location))
                    continue
                }
                resolved.append((place, target))
            }
            return (resolved, found, problems)
        }
        for resolved in resolvedReferences { diagnostics += resolved.problems }

        // Bodies: rendered on all cores; links resolved against the id and path indexes.
        // What any link can lead to: unchanged since serve's last build, every cached body's links
        // still resolve as they did, and checking them one by one is skipped.
        let targetsUnchanged = cache.map { $0.replaceLinkTargets(Self.linkTargets(documents, files: files)) } ?? false
        // What a link needs of the document it leads to, taken out once (copying a `Document`
        // and making its site path per link showed in profiles), and kept while unchanged.
        let linkTargets = (targetsUnchanged ? cache?.linkTargetTable : nil)
            ?? documents.map { LinkTarget(id: $0.id, title: $0.title, sitePath: $0.sitePath, index: lookUp($0.id)) }
        cache?.linkTargetTable = linkTargets
        /// What one link of a body becomes, with what it adds to the graph.
        @Sendable func resolve(_ link: MarkdownLink, from source: ContentPath, page: SitePath) -> LinkOutcome {
            let location = SourceLocation(file: source, line: link.line, column: link.column)
            switch link.kind {
            case .wiki:
                guard let target = lookUp(link.target) else {
                    return LinkOutcome(resolution: .broken, problem: .error(
                        ContentMessage.unknownReference(link.target, role: .link, suggestion: Suggestion.closest(to: link.target, in: suggestions.all)),
                        at: location))
                }
                let found = linkTargets[target]
                return LinkOutcome(
                    resolution: .resolved(url: page.link(to: found.sitePath), title: found.title),
                    reference: Reference(id: found.id, role: .link, location: location), target: found.index)
            case .relative:
                let (pathPart, fragment) = splitFragment(link.target)
                if pathPart.isEmpty { return LinkOutcome(resolution: .resolved(url: link.target, title: "")) }
                // Foundation's percent decoding is slow; most links have nothing to decode.
                let decoded = pathPart.utf8.contains(UInt8(ascii: "%")) ? pathPart.removingPercentEncoding ?? pathPart : pathPart
                if decoded.hasPrefix("/") || decoded.utf8.contains(UInt8(ascii: "\\")) {
                    return LinkOutcome(resolution: .broken, problem: .error(ContentMessage.absolutePath("ссылка", link.target), at: location))
                }
                guard let path = ContentPathResolver.normalize(decoded, from: source), path.value.hasPrefix("content/") else {
                    return LinkOutcome(resolution: .broken, problem: .error(ContentMessage.leavesContent("ссылка", link.target), at: location))
                }
                if let target = bySource[path] {
                    let found = linkTargets[target]
                    return LinkOutcome(
                        resolution: .resolved(url: page.link(to: found.sitePath, fragment: fragment), title: found.title),
                        reference: Reference(id: found.id, role: .link, location: location), target: found.index)
                }
                if files[path] != nil {
                    return LinkOutcome(resolution: .resolved(url: page.link(to: ContentGraph.sitePath(of: path), fragment: fragment), title: ""), file: path)
                }
                let stem = String(decoded.split(separator: "/").last ?? "").replacingOccurrences(of: ".md", with: "")
                return LinkOutcome(resolution: .broken, problem: .error(
                    ContentMessage.brokenLink(link.target, suggestion: Suggestion.closest(to: stem, in: suggestions.all)), at: location))
            }
        }

        // The bodies serve kept, read by every thread without a lock (one per body was contended)
        // and handed back with this build's changes below.
        let kept = cache.map { KeptBodies($0.takeBodies()) }
        // By index, not by element: a `Document` is large, and copying one per body showed in profiles.
        @Sendable func renderBody(_ i: Int) -> RenderedBody {
            let source = documents[i].source
            let page = linkTargets[i].sitePath
            let text = texts[i]
            let firstLine = documents[i].bodyFirstLine
            // A body renders the same when its text is the same and each of its links still
            // resolves the same way (same target, title and address): then the cached HTML is kept.
            if let cached = kept?.bodies[source], cached.text == text, cached.firstLine == firstLine {
                // With the same documents in the same order, the outcomes are the same too.
                if targetsUnchanged {
                    return RenderedBody(markdown: cached.markdown, outcomes: cached.outcomes, targets: cached.targets, files: cached.files, problems: cached.problems, reused: true, hash: cached.hash)
                }
                let fresh = cached.links.map { resolve($0, from: source, page: page) }
                // The problem too: a broken link stays broken, but its «did you mean» may change.
                if zip(fresh, cached.outcomes).allSatisfy({ $0.resolution == $1.resolution && $0.problem == $1.problem }) {
                    // Kept with the fresh outcomes: the documents they lead to may have moved.
                    let renewed = RenderCache.Body(
                        text: text, firstLine: firstLine, markdown: cached.markdown, links: cached.links, outcomes: fresh,
                        targets: fresh.map { $0.target ?? -1 }, hash: cached.hash)
                    return RenderedBody(markdown: cached.markdown, outcomes: fresh, targets: renewed.targets, files: renewed.files, problems: renewed.problems, reused: true, hash: cached.hash, toKeep: renewed)
                }
            }
            var links: [MarkdownLink] = []
            var outcomes: [LinkOutcome] = []
            var targets: [Int] = []
            let body = MarkdownRenderer.render(text, lineOffset: firstLine - 1, reservedAnchors: reservedAnchors) { link in
                let outcome = resolve(link, from: source, page: page)
                links.append(link)
                outcomes.append(outcome)
                targets.append(outcome.target ?? -1)
                return outcome.resolution
            }
            guard cache != nil else {
                let (files, problems) = LinkOutcome.filesAndProblems(of: outcomes)
                return RenderedBody(markdown: body, outcomes: outcomes, targets: targets, files: files, problems: problems, reused: false, hash: 0)
            }
            let hash = Self.hash(of: body)
            let toKeep = RenderCache.Body(text: text, firstLine: firstLine, markdown: body, links: links, outcomes: outcomes, targets: targets, hash: hash)
            return RenderedBody(markdown: body, outcomes: outcomes, targets: targets, files: toKeep.files, problems: toKeep.problems, reused: false, hash: hash, toKeep: toKeep)
        }
        /// What document `source` gives the back-reference lists, from its front matter and then
        /// its body's links, each in the order written: an edge per target, role and activity
        /// (repeats dropped), and a warning per reference to itself.
        @Sendable func edges(from source: Int, body: RenderedBody) -> (edges: [Edge], selfReferences: [Diagnostic]) {
            var warnings: [Diagnostic] = []
            func warnSelfReference(_ reference: Reference) {
                warnings.append(.warning("документ ссылается сам на себя («\(reference.id)»): такая ссылка никуда не ведёт", at: reference.location))
            }
            let references = resolvedReferences[source].targets
            let targets = body.targets
            var edges: [Edge] = []
            edges.reserveCapacity(references.count + targets.count)
            // Fields read in place: copying each `Reference` (several strings) showed in profiles.
            // A repeat can only be among the edges to the same target, so that is compared first.
            let written = documents[source].references
            for (place, target) in references {
                if target == source { warnSelfReference(written[place]); continue }
                let edge = Edge(target: target, role: written[place].role, activity: written[place].activity)
                if !edges.contains(where: { $0.target == target && $0 == edge }) { edges.append(edge) }
            }
            // A body's link is a reference in the role `link` without an activity: a repeat of
            // any such edge to the same target. Most bodies have a few links, looked through; a
            // long list goes by a set.
            var linked = edges.filter { $0.role == .link && $0.activity == nil }.map(\.target)
            var seen = Set<Int>()
            for k in targets.indices where targets[k] >= 0 {
                let target = targets[k]
                if target == source { warnSelfReference(body.outcomes[k].reference!); continue }
                if linked.count < 16 {
                    if linked.contains(target) { continue }
                } else {
                    if seen.isEmpty { seen = Set(linked) }
                    if !seen.insert(target).inserted { continue }
                }
                linked.append(target)
                edges.append(Edge(target: target, role: .link, activity: nil))
            }
            return (edges, warnings)
        }
        // The edges are made beside the bodies, on all cores; only filing them under their
        // targets is left to one thread (done whole there, it was about a fifth of this step's
        // time in serve's rebuild).
        let rendered = documents.indices.parallelMap { i -> RenderedBody in
            var body = renderBody(i)
            (body.edges, body.selfReferences) = edges(from: i, body: body)
            return body
        }
        if let cache, let kept {
            for i in rendered.indices {
                if let body = rendered[i].toKeep { kept.bodies[documents[i].source] = body }
            }
            cache.keep(kept.bodies)
        }

        var bodies: [RenderedMarkdown] = []
        bodies.reserveCapacity(rendered.count)
        var published = Set<ContentPath>()
        var reusedBodies = 0
        for i in rendered.indices {
            bodies.append(rendered[i].markdown)
            for file in rendered[i].files { published.insert(file) }
            diagnostics += rendered[i].problems
            for attachment in documents[i].attachments { published.insert(attachment.path) }
            if rendered[i].reused { reusedBodies += 1 }
        }

        for source in rendered.indices { diagnostics += rendered[source].selfReferences }
        // By index, here and below: a `RenderedBody` is large, and mapping by key path copied each one.
        let edges = rendered.indices.map { rendered[$0].edges }
        let back = cache?.backReferences(for: edges, documents: documents.count) ?? BackReferenceTable(documents: documents.count, edges: edges)

        let publishedFiles = published.sorted().compactMap { path in
            files[path] ?? documents.lazy.flatMap(\.attachments).first(where: { $0.path == path }).map { ContentFile(path: $0.path, size: $0.size) }
        }
        let graph = ContentGraph(
            documents: documents, bodies: bodies, backReferences: back, publishedFiles: publishedFiles,
            permalinks: cache?.permalinks(for: documents) ?? permalinks!.value, renderedBodies: documents.count - reusedBodies,
            bodyHashes: cache == nil ? [] : rendered.indices.map { rendered[$0].hash }, sitePaths: linkTargets.indices.map { linkTargets[$0].sitePath },
            referenceTargets: resolvedReferences.indices.map { resolvedReferences[$0].found }, typeRanges: typeRanges, index: index, aliasIndex: aliasIndex)
        // The bodies' link outcomes and the sources are large temporaries: freeing them here took
        // one core about 0.05 s on 10,000 documents while the other waited for the next step.
        releaseInBackground((consume rendered, consume texts, consume resolvedReferences))
        return (graph, diagnostics)
    }

    /// The ids a «did you mean» is chosen from, sorted only when a reference or link is broken
    /// (sorting 10,000 ids on every rebuild of serve showed in its profiles). Shared by the
    /// threads that render bodies.
    final class SuggestionIDs: @unchecked Sendable {
        private let documents: [Document]
        private let ids: [String: Int]
        private let lock = NSLock()
        private var sortedIDs: [String]?
        private var byType: [DocumentType: [String]]?

        init(documents: [Document], ids: [String: Int]) {
            self.documents = documents
            self.ids = ids
        }

        /// Every id, sorted.
        var all: [String] {
            lock.withLock { sortedIDsUnlocked() }
        }

        /// The ids of one type's documents, sorted.
        func ids(of type: DocumentType) -> [String] {
            lock.withLock {
                if byType == nil {
                    byType = Dictionary(grouping: documents.indices.map { (documents[$0].type, documents[$0].id) }, by: \.0).mapValues { $0.map(\.1).sorted() }
                }
                return byType![type] ?? sortedIDsUnlocked()
            }
        }

        private func sortedIDsUnlocked() -> [String] {
            if sortedIDs == nil { sortedIDs = ids.keys.sorted() }
            return sortedIDs!
        }
    }

    /// What a link to a document resolves to: its id, title and page, and the document the
    /// back-reference goes to (the first of that id).
    struct LinkTarget: Sendable {
        var id: String
        var title: String
        var sitePath: SitePath
        var index: Int?
    }

    /// A hash of everything link resolution reads: each document's file, id, former ids, type
    /// and title (in graph order), and the other files of the bank.
    static func linkTargets(_ documents: [Document], files: [ContentPath: ContentFile]) -> Int {
        var hasher = Hasher.ofParts(documents.count) { i, hasher in
            hasher.combineText(documents[i].source.value)
            hasher.combineText(documents[i].id)
            hasher.combine(documents[i].type)
            hasher.combineText(documents[i].title)
            hasher.combine(documents[i].aliases.count)
            for alias in documents[i].aliases { hasher.combineText(alias) }
        }
        for path in files.keys.sorted() { hasher.combineText(path.value) }
        return hasher.finalize()
    }

    struct RenderedBody: Sendable {
        var markdown: RenderedMarkdown
        var outcomes: [LinkOutcome]
        /// Per outcome, the document its link leads to, or -1 (read without the outcomes' strings).
        var targets: [Int]
        /// `LinkOutcome.filesAndProblems(of: outcomes)`.
        var files: [ContentPath]
        var problems: [Diagnostic]
        var reused: Bool
        /// `hash(of: markdown)` with a cache, else 0.
        var hash: Int
        /// What serve's cache keeps of this body, when it changed.
        var toKeep: RenderCache.Body? = nil
        /// The back-references this document gives (`edges(from:body:)`).
        var edges: [Edge] = []
        var selfReferences: [Diagnostic] = []
    }

    /// A back-reference before it is filed under its target.
    struct Edge: Equatable, Sendable {
        var target: Int
        var role: ReferenceRole
        var activity: ActivityLabel?
    }

    /// The bodies serve kept, taken out of the cache for one build: read by the rendering
    /// threads, then updated in place (no other reference, so no copy) and handed back.
    final class KeptBodies: @unchecked Sendable {
        var bodies: [ContentPath: RenderCache.Body]
        init(_ bodies: [ContentPath: RenderCache.Body]) { self.bodies = bodies }
    }

    /// Everything a page or the search index reads of a body.
    static func hash(of body: RenderedMarkdown) -> Int {
        var hasher = Hasher()
        hasher.combineText(body.html)
        hasher.combineText(body.plainText)
        hasher.combine(body.headings)
        return hasher.finalize()
    }

    private static func splitFragment(_ destination: String) -> (String, String?) {
        guard let hash = destination.utf8.firstIndex(of: UInt8(ascii: "#")) else { return (destination, nil) }
        return (String(destination[..<hash]), String(destination[destination.utf8.index(after: hash)...]))
    }
}
