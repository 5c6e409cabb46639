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

/// The validated bank: documents in a stable order, their rendered bodies, and every
/// reference with its back-reference.
public struct ContentGraph: Sendable {
    /// Sorted by type (in `DocumentType.allCases` order), then id; without their Markdown `body`
    /// (`bodies` holds it rendered).
    public let documents: [Document]
    /// Bodies rendered to HTML, parallel to `documents`.
    public let bodies: [RenderedMarkdown]
    /// For each document, who refers to it; parallel to `documents`, sorted by source.
    public let backReferences: [[BackReference]]
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

    private let index: [String: Int]
    private let aliasIndex: [String: Int]

    /// The document with this id or former id.
    public func document(id: String) -> Int? { index[id] ?? aliasIndex[id] }

    public func documents(of type: DocumentType) -> [Int] {
        documents.indices.filter { documents[$0].type == type }
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
    public static func build(from content: LoadedContent, cache: RenderCache? = nil) -> (ContentGraph, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        // Loops go by index and read fields in place: a `Document` is large, and copying each one
        // per loop (and per comparison while sorting) showed in profiles of serve's rebuild.
        let loaded = content.documents
        let keys = loaded.indices.map { (loaded[$0].type, loaded[$0].id) }
        // The Markdown is taken out at once: past rendering the HTML and its plain text stand for
        // the body, so a large bank does not carry its sources through rendering and indexing.
        // serve's caches keep every document whole anyway: there the documents keep their
        // bodies, and are not copied to drop them.
        var sorted = loaded.indices.sorted { keys[$0] < keys[$1] }.map { loaded[$0] }
        let texts = sorted.indices.map { sorted[$0].body }
        if cache == nil {
            for i in sorted.indices { sorted[i].body = "" }
        }
        let documents = sorted
        sorted = []

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
        let files = content.files
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
        let rendered = documents.indices.parallelMap { i -> RenderedBody in
            let source = documents[i].source
            let page = linkTargets[i].sitePath
            let text = texts[i]
            let firstLine = documents[i].bodyFirstLine
            // A body renders the same when its text is the same and each of its links still
            // resolves the same way (same target, title and address): then the cached HTML is kept.
            if var cached = kept?.bodies[source], cached.text == text, cached.firstLine == firstLine {
                // With the same documents in the same order, the outcomes are the same too.
                if targetsUnchanged {
                    return RenderedBody(markdown: cached.markdown, outcomes: cached.outcomes, reused: true, hash: cached.hash)
                }
                let fresh = cached.links.map { resolve($0, from: source, page: page) }
                // The problem too: a broken link stays broken, but its «did you mean» may change.
                if zip(fresh, cached.outcomes).allSatisfy({ $0.resolution == $1.resolution && $0.problem == $1.problem }) {
                    // Kept with the fresh outcomes: the documents they lead to may have moved.
                    cached.outcomes = fresh
                    return RenderedBody(markdown: cached.markdown, outcomes: fresh, reused: true, hash: cached.hash, toKeep: cached)
                }
            }
            var links: [MarkdownLink] = []
            var outcomes: [LinkOutcome] = []
            let body = MarkdownRenderer.render(text, lineOffset: firstLine - 1, reservedAnchors: reservedAnchors) { link in
                let outcome = resolve(link, from: source, page: page)
                links.append(link)
                outcomes.append(outcome)
                return outcome.resolution
            }
            guard cache != nil else { return RenderedBody(markdown: body, outcomes: outcomes, reused: false, hash: 0) }
            let hash = Self.hash(of: body)
            let toKeep = RenderCache.Body(text: text, firstLine: firstLine, markdown: body, links: links, outcomes: outcomes, hash: hash)
            return RenderedBody(markdown: body, outcomes: outcomes, reused: false, hash: hash, toKeep: toKeep)
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
            // By index: an outcome holds several strings, and copying each one showed in profiles.
            let outcomes = rendered[i].outcomes
            for k in outcomes.indices {
                if let file = outcomes[k].file { published.insert(file) }
                if let problem = outcomes[k].problem { diagnostics.append(problem) }
            }
            for attachment in documents[i].attachments { published.insert(attachment.path) }
            if rendered[i].reused { reusedBodies += 1 }
        }

        // Each reference is looked up once. Sources are taken in order, so the back-references a
        // source already gave a target are the last ones of that target's list: a repeat is
        // found by looking back over those, without a set.
        var back: [[BackReference]] = documents.map { _ in [] }
        func add(from source: Int, to target: Int, role: ReferenceRole, activity: ActivityLabel?) {
            let backReference = BackReference(source: source, role: role, activity: activity)
            if !back[target].reversed().prefix(while: { $0.source == source }).contains(backReference) {
                back[target].append(backReference)
            }
        }
        func warnSelfReference(_ reference: Reference) {
            diagnostics.append(.warning("документ ссылается сам на себя («\(reference.id)»): такая ссылка никуда не ведёт", at: reference.location))
        }
        // The front matter's references, then the body's links, each in the order written; fields
        // read in place, as copying each `Reference` (several strings) showed in profiles.
        for source in documents.indices {
            let written = documents[source].references
            for (place, target) in resolvedReferences[source].targets {
                if target == source { warnSelfReference(written[place]); continue }
                add(from: source, to: target, role: written[place].role, activity: written[place].activity)
            }
            let outcomes = rendered[source].outcomes
            for k in outcomes.indices {
                guard let target = outcomes[k].target, let role = outcomes[k].reference?.role else { continue }
                if target == source { warnSelfReference(outcomes[k].reference!); continue }
                add(from: source, to: target, role: role, activity: outcomes[k].reference?.activity)
            }
        }

        let publishedFiles = published.sorted().compactMap { path in
            files[path] ?? documents.lazy.flatMap(\.attachments).first(where: { $0.path == path }).map { ContentFile(path: $0.path, size: $0.size) }
        }
        let graph = ContentGraph(
            documents: documents, bodies: bodies, backReferences: back, publishedFiles: publishedFiles,
            permalinks: cache?.permalinks(for: documents) ?? Permalinks(documents: documents), renderedBodies: documents.count - reusedBodies,
            bodyHashes: cache == nil ? [] : rendered.map(\.hash), sitePaths: linkTargets.map(\.sitePath),
            referenceTargets: resolvedReferences.map(\.found), index: index, aliasIndex: aliasIndex)
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
        // Each document hashed on all cores: serve works this out on every rebuild.
        let parts = documents.indices.parallelMap { i -> Int in
            var hasher = Hasher()
            hasher.combineText(documents[i].source.value)
            hasher.combineText(documents[i].id)
            hasher.combine(documents[i].type)
            hasher.combineText(documents[i].title)
            hasher.combine(documents[i].aliases.count)
            for alias in documents[i].aliases { hasher.combineText(alias) }
            return hasher.finalize()
        }
        var hasher = Hasher()
        for part in parts { hasher.combine(part) }
        for path in files.keys.sorted() { hasher.combineText(path.value) }
        return hasher.finalize()
    }

    struct RenderedBody: Sendable {
        var markdown: RenderedMarkdown
        var outcomes: [LinkOutcome]
        var reused: Bool
        /// `hash(of: markdown)` with a cache, else 0.
        var hash: Int
        /// What serve's cache keeps of this body, when it changed.
        var toKeep: RenderCache.Body? = nil
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
