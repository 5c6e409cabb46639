import Foundation
import MetodContent
import MetodCore
import MetodSearch
import Mustache

/// What one process (`serve`) keeps between builds so a rebuild does only what changed:
/// decoded documents, rendered bodies, rendered pages with the fingerprint of their inputs, and
/// the hashes of the files last written to the output folder.
public final class BuildCache: @unchecked Sendable {
    let documents = DecodeCache()
    let bodies = RenderCache()
    let qrCodes = QRCache()
    let search = SearchIndexCache()
    let cards = CardMemo()
    private let lock = NSLock()
    private var themeFingerprint: Int?
    private var pages: [SitePath: (fingerprint: Int, data: Data, hash: Int)] = [:]
    /// Hash of the bytes of every file last written, and where: the search index's files apart
    /// from the others, since a deferred index replaces only its own.
    var writtenPages: [SitePath: Int] = [:]
    var writtenIndex: [SitePath: Int] = [:]
    var written: [SitePath: Int] { writtenPages.merging(writtenIndex) { $1 } }

    /// Records what a build wrote (all of it, index included).
    func wrote(_ hashes: [SitePath: Int]) {
        writtenPages = hashes.filter { !SearchIndexFormat.isIndexFile($0.key) }
        writtenIndex = hashes.filter { SearchIndexFormat.isIndexFile($0.key) }
    }
    var output: FilePath?
    /// Finishes the search index of a rebuild that returned before it (`SiteBuilder.defersIndex`):
    /// waits for it, puts its files in place and gives their hashes, and whether writing failed.
    private var pendingIndex: (@Sendable () -> (DeferredIndex, hashes: [SitePath: Int], failed: Bool))?

    public init() {}

    /// The state of everything a build of `siteRoot` reads (`ContentWalk.signature`); the next
    /// build with this cache takes the walk of `content/` made for it instead of walking again.
    public func signature(of siteRoot: FilePath) -> Int {
        ContentWalk.signature(of: siteRoot, keepingFor: documents)
    }

    /// The theme's templates as last compiled without problems, with its fingerprint.
    private var keptTheme: (fingerprint: Int, library: MustacheLibrary, plainStrings: Bool)?

    /// The theme compiled, kept while its templates and assets are unchanged: parsing every
    /// template again was about 8 % of a rebuild's processor time on 1,000 documents. A theme
    /// with a broken template is not kept, so its problems are reported on every rebuild.
    /// Rendered pages are forgotten here when the theme changed (`useTheme`).
    func compiled(_ theme: Theme) -> Theme.CompiledTheme {
        let fingerprint = theme.fingerprint
        useTheme(fingerprint)
        if let kept = lock.withLock({ keptTheme }), kept.fingerprint == fingerprint {
            return (kept.library, [], kept.plainStrings, false)
        }
        let compiled = theme.compiled()
        lock.withLock { keptTheme = compiled.library.map { (fingerprint, $0, compiled.plainStrings) } }
        return compiled
    }

    /// Forgets rendered pages when the theme changed.
    private func useTheme(_ fingerprint: Int) {
        lock.lock(); defer { lock.unlock() }
        if themeFingerprint != fingerprint { pages = [:]; themeFingerprint = fingerprint }
    }

    /// The page and the hash of its bytes, when its inputs are unchanged.
    func page(_ path: SitePath, fingerprint: Int) -> (data: Data, hash: Int)? {
        lock.lock(); defer { lock.unlock() }
        guard let entry = pages[path], entry.fingerprint == fingerprint else { return nil }
        return (entry.data, entry.hash)
    }

    /// `page(_:fingerprint:)` for many pages under one lock; nil where there is no fingerprint.
    func pages(_ paths: [SitePath], fingerprints: [Int?]) -> [(data: Data, hash: Int)?] {
        guard !fingerprints.isEmpty else { return [] }
        return lock.withLock {
            paths.indices.map { i in
                guard let fingerprint = fingerprints[i], let entry = pages[paths[i]], entry.fingerprint == fingerprint else { return nil }
                return (entry.data, entry.hash)
            }
        }
    }

    func store(_ data: Data, hash: Int, for path: SitePath, fingerprint: Int) {
        lock.lock(); defer { lock.unlock() }
        pages[path] = (fingerprint, data, hash)
    }

    /// Stands for a file whose bytes are not known.
    private static let unknownHash = Int.min

    func deferIndex(_ finish: @escaping @Sendable () -> (DeferredIndex, hashes: [SitePath: Int], failed: Bool)) {
        lock.withLock { pendingIndex = finish }
    }

    /// Waits for the search index a rebuild left running, if any, puts its files in place and
    /// says how it went. serve calls it once the new pages are shown; a build calls it first.
    /// (The waiting is done here, by the caller, not by a thread of its own: a pool thread
    /// blocked on the index left its parallel steps a core short.)
    public func settle() -> DeferredIndex? {
        guard let finish = lock.withLock({ () -> (@Sendable () -> (DeferredIndex, hashes: [SitePath: Int], failed: Bool))? in
            defer { pendingIndex = nil }
            return pendingIndex
        }) else { return nil }
        let (index, hashes, failed) = finish()
        if failed {
            // Some files are new, some old: every index file the live site may hold is written
            // again by the next rebuild (no hash matches), and those it no longer has are removed.
            let paths = Set(writtenIndex.keys).union(hashes.keys)
            writtenIndex = Dictionary(uniqueKeysWithValues: paths.map { ($0, Self.unknownHash) })
        } else {
            writtenIndex = hashes
        }
        return index
    }
}

/// What `PageInputs` hashed of each document in the last build, with the document: kept for a
/// document serve's cache handed out again (same identity, same `lastChanged`).
final class CardMemo: @unchecked Sendable {
    struct Entry {
        let document: Document
        let card: Int
        let listPart: Int
    }
    private let lock = NSLock()
    private var kept: [Entry] = []
    var entries: [Entry] {
        get { lock.withLock { kept } }
        set { lock.withLock { kept = newValue } }
    }
}

/// How the search index of a rebuild went, when it was finished after the build returned.
public struct DeferredIndex: Sendable {
    public var seconds: Double
    /// Documents scanned again (the others came from the cache).
    public var scanned: Int
    /// Index files rewritten in the live site.
    public var written: [SitePath]
    /// Why the index could not be written, if it could not.
    public var problem: Diagnostic?
}

/// What the page of a document is made from, as one hash: the document's bytes and revision
/// date, its rendered body, its short address (its QR code is drawn from that address, the
/// site's `base_url` and the QR level), and what the page shows of every
/// document it names or is named by (title, address, type, summary, date). When none of it
/// changed the page is the same, so a rebuild finds the pages to render without building
/// their template data.
struct PageInputs: Sendable {
    private let graph: ContentGraph
    private let qrCodes: [String]
    private let site: Int
    /// Per document, a hash of what other pages show of it.
    private let cards: [Int]
    /// Per document, what its list page shows of it: its card, the line of facts under its
    /// title (`meta`) and its tags.
    private let listParts: [Int]

    /// `memo` keeps both hashes of each document for the next build: a document the cache handed
    /// out again (most of them) is not hashed again.
    init(graph: ContentGraph, config: SiteConfig, qrCodes: [String], meta: @Sendable (Int) -> String, memo: CardMemo) {
        self.graph = graph
        self.qrCodes = qrCodes
        var hasher = Hasher()
        hasher.combineText(config.title)
        hasher.combineText(config.language)
        hasher.combineText(config.baseURL ?? "")
        hasher.combineText(config.qrLevel)
        site = hasher.finalize()
        let documents = graph.documents
        let sitePaths = graph.sitePaths
        let previous = memo.entries
        let hashes = documents.indices.parallelMap { i -> (card: Int, listPart: Int) in
            // Documents keep their order from build to build unless one is added or removed.
            if i < previous.count, previous[i].document.identity == documents[i].identity,
               previous[i].document.lastChanged == documents[i].lastChanged {
                return (previous[i].card, previous[i].listPart)
            }
            var hasher = Hasher()
            hasher.combineText(documents[i].title)
            hasher.combineText(documents[i].summary ?? "")
            hasher.combineText(sitePaths[i].value)
            hasher.combine(documents[i].type)
            hasher.combine(documents[i].revised)
            let card = hasher.finalize()
            var list = Hasher()
            list.combine(card)
            list.combineText(meta(i))
            list.combine(documents[i].tags.count)
            for tag in documents[i].tags { list.combineText(tag) }
            return (card, list.finalize())
        }
        cards = hashes.map { $0.card }
        listParts = hashes.map { $0.listPart }
        memo.entries = documents.indices.map { CardMemo.Entry(document: documents[$0], card: hashes[$0].card, listPart: hashes[$0].listPart) }
    }

    /// The list page of a type shows a card of each of its documents (`listParts`).
    var fingerprintsOfLists: [DocumentType: Int] {
        Dictionary(uniqueKeysWithValues: DocumentType.allCases.map { type in
            var hasher = Hasher()
            hasher.combine(site)
            hasher.combine(type)
            for index in graph.documents(of: type) { hasher.combine(listParts[index]) }
            return (type, hasher.finalize())
        })
    }

    /// A page made of the site's frame only (title, language, address of the site).
    func fingerprint(of page: SitePath) -> Int {
        var hasher = Hasher()
        hasher.combine(site)
        hasher.combineText(page.value)
        return hasher.finalize()
    }

    /// A former id's page shows its document's title and leads to its address.
    func fingerprint(ofRedirect page: SitePath, to index: Int) -> Int {
        var hasher = Hasher()
        hasher.combine(fingerprint(of: page))
        hasher.combine(cards[index])
        return hasher.finalize()
    }

    /// The sitemap lists the pages (and the site's address).
    func fingerprint(ofSitemap pages: [SitePath]) -> Int {
        var hasher = Hasher()
        hasher.combine(site)
        hasher.combine(pages.count)
        for page in pages { hasher.combineText(page.value) }
        return hasher.finalize()
    }

    /// The short-address tables: every code with the address it leads to.
    var permalinksFingerprint: Int {
        var hasher = Hasher()
        hasher.combine(site)
        for entry in graph.permalinks.entries {
            hasher.combineText(entry.code)
            hasher.combineText(graph.sitePaths[entry.document].value)
        }
        return hasher.finalize()
    }

    /// `bytes` is the hash of the document's file (and the attachments it found).
    func fingerprint(of index: Int, bytes: Int) -> Int {
        var hasher = Hasher()
        hasher.combine(site)
        hasher.combine(bytes)
        hasher.combine(cards[index])
        hasher.combine(graph.documents[index].lastChanged)
        hasher.combine(graph.bodyHashes[index])
        hasher.combine(qrCodes.isEmpty)
        hasher.combineText(graph.permalinks.code(of: index) ?? "")
        // Front matter references: whether each id resolves, and to what.
        for target in graph.referenceTargets[index] {
            hasher.combine(target.map { cards[$0] } ?? 0)
        }
        for reference in graph.backReferences[index] {
            hasher.combine(cards[reference.source])
            hasher.combine(reference.role)
            if let activity = reference.activity {
                hasher.combineText(activity.number)
                hasher.combineText(activity.title)
            } else {
                hasher.combine(-1)
            }
        }
        return hasher.finalize()
    }
}

extension Theme {
    /// Changes whenever any template or asset changes.
    var fingerprint: Int {
        var hasher = Hasher()
        for key in templateSources.keys.sorted() { hasher.combine(key); hasher.combine(templateSources[key]!) }
        for key in assets.keys.sorted() { hasher.combine(key); hasher.combine(assets[key]!) }
        return hasher.finalize()
    }
}
