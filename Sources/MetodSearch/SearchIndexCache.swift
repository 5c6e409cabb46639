import Foundation
import MetodCore

/// What one process (`serve`) keeps of the search index between builds: each document's scanned
/// words, its counts and its browser fragment, by a hash of the document's text. A rebuild scans
/// and encodes only the documents whose text changed, and counts only those too while the bank's
/// terms stay the same; inverting and scoring run over the whole bank.
public final class SearchIndexCache: @unchecked Sendable {
    private let lock = NSLock()
    private var scans: [Int: DocumentScan] = [:]
    private var fragments: [Int: (data: Data, hash: Int)] = [:]
    private var counts: [Int: CountedDocument] = [:]
    private var countsTermsKey: Int?
    private var usedScans = Set<Int>()
    private var usedFragments = Set<Int>()
    private var usedCounts = Set<Int>()
    /// Documents scanned (not taken from the cache) by the last build.
    public private(set) var scanned = 0
    /// Documents counted (not taken from the cache) by the last build.
    public private(set) var counted = 0

    public init() {}

    func scan(for key: Int, make: () -> DocumentScan) -> DocumentScan {
        if let scan = lock.withLock({ usedScans.insert(key); return scans[key] }) { return scan }
        let scan = make()
        lock.withLock {
            scans[key] = scan
            scanned += 1
        }
        return scan
    }

    /// Counts stay valid while the bank's terms and rules stay the same; otherwise all are redone.
    func beginCounting(termsKey: Int) {
        lock.withLock {
            if countsTermsKey != termsKey { counts = [:] }
            countsTermsKey = termsKey
        }
    }

    func counted(for key: Int, make: () -> CountedDocument) -> CountedDocument {
        if let counted = lock.withLock({ usedCounts.insert(key); return counts[key] }) { return counted }
        let made = make()
        lock.withLock {
            counts[key] = made
            counted += 1
        }
        return made
    }

    func fragment(for key: Int, make: () -> Data) -> (data: Data, hash: Int) {
        if let fragment = lock.withLock({ usedFragments.insert(key); return fragments[key] }) { return fragment }
        let data = make()
        let fragment = (data, ContentHash.of(data))
        lock.withLock { fragments[key] = fragment }
        return fragment
    }

    /// Starts a build and forgets what the previous one did not use (edited or deleted documents).
    func begin() {
        lock.withLock {
            scans = scans.filter { usedScans.contains($0.key) }
            fragments = fragments.filter { usedFragments.contains($0.key) }
            counts = counts.filter { usedCounts.contains($0.key) }
            usedScans = []
            usedFragments = []
            usedCounts = []
            scanned = 0
            counted = 0
        }
    }
}

extension SearchDocument {
    /// A hash of every text the index and the fragment take from the document.
    var textHash: Int {
        var hasher = Hasher()
        // The fields as they are, without joining the list fields into one text first.
        func combine(_ list: [String]) {
            hasher.combine(list.count)
            for item in list { hasher.combineText(item) }
        }
        for field in SearchField.allCases {
            switch field {
            case .title: hasher.combineText(title)
            case .summary: hasher.combineText(summary)
            case .headings: combine(headings)
            case .tags: combine(tags)
            case .references: combine(references)
            case .details: combine(details)
            case .body: hasher.combineText(body)
            }
        }
        hasher.combineText(url.value)
        hasher.combineText(type)
        hasher.combineText(id)
        for name in facets.keys.sorted() {
            hasher.combineText(name)
            for value in facets[name]! { hasher.combineText(value) }
        }
        return hasher.finalize()
    }
}
