import Foundation
import MetodCore

/// What one process (`serve`) keeps of the search index between builds: each document's scanned
/// words and its browser fragment, by a hash of the document's text. A rebuild scans and encodes
/// only the documents whose text changed; counting, inverting and scoring run over the whole bank.
public final class SearchIndexCache: @unchecked Sendable {
    private let lock = NSLock()
    private var scans: [Int: DocumentScan] = [:]
    private var fragments: [Int: (data: Data, hash: Int)] = [:]
    private var usedScans = Set<Int>()
    private var usedFragments = Set<Int>()
    /// Documents scanned (not taken from the cache) by the last build.
    public private(set) var scanned = 0

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
            usedScans = []
            usedFragments = []
            scanned = 0
        }
    }
}

extension SearchDocument {
    /// A hash of every text the index and the fragment take from the document.
    var textHash: Int {
        var hasher = Hasher()
        for field in SearchField.allCases { hasher.combineText(text(of: field)) }
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
