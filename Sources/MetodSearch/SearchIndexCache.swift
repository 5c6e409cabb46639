import Foundation
import MetodCore

/// What one process (`serve`) keeps of the search index between builds: each document's scanned
/// words, its counts and its browser fragment, by a key that stands for the document's text (its
/// `textHash`, or what serve makes of the document's file, body and references). A rebuild scans
/// and encodes only the documents whose text changed, and counts only those too while the bank's
/// terms stay the same; inverting and scoring run over the whole bank.
public final class SearchIndexCache: @unchecked Sendable {
    /// Values by key, each kept for the next build only if this one used it.
    private struct Memo<Value> {
        var values: [Int: Value] = [:]
        var used = Set<Int>()
        /// Values made (not found) in this build.
        var made = 0

        /// The values of these keys (nil where there is none or no key), each key marked used.
        mutating func take(_ keys: [Int?]) -> [Value?] {
            keys.map { key in
                guard let key else { return nil }
                used.insert(key)
                return values[key]
            }
        }

        mutating func store(_ made: [(key: Int, value: Value)]) {
            for (key, value) in made { values[key] = value }
            self.made += made.count
        }

        mutating func begin() {
            // Removed in place: filtering into a new dictionary copied every kept value, which
            // showed in profiles of serve's rebuild.
            for key in values.keys.filter({ !used.contains($0) }) { values[key] = nil }
            used.removeAll(keepingCapacity: true)
            made = 0
        }
    }

    private let lock = NSLock()
    private var documents = Memo<SearchDocument>()
    private var scans = Memo<DocumentScan>()
    private var counts = Memo<CountedDocument>()
    private var fragments = Memo<(data: Data, hash: Int)>()
    private var countsTermsKey: Int?
    private var wordMaps = Memo<[Int32]>()
    private var keptVocabulary: (table: WordTable, compound: [Bool])?
    private var keptStems: (rules: Int, terms: [String?])?
    private var indexState: IndexState?

    /// The bank's vocabulary as the last build left it: words are only ever added, so the word
    /// maps of earlier scans stay valid.
    var vocabulary: (table: WordTable, compound: [Bool])? {
        get { lock.withLock { keptVocabulary } }
        set { lock.withLock { keptVocabulary = newValue } }
    }

    /// A scan's map from its own word numbers to the kept vocabulary's.
    func wordMap(for key: Int, make: () -> [Int32]) -> [Int32] {
        value(\.wordMaps, key, make: make)
    }

    /// The terms of the kept vocabulary's words, as far as they were stemmed under these rules.
    func stems(rules: Int) -> [String?] {
        lock.withLock { keptStems?.rules == rules ? keptStems!.terms : [] }
    }

    func storeStems(_ terms: [String?], rules: Int) {
        lock.withLock { keptStems = (rules, terms) }
    }

    /// The last build's index, for the next build to patch; taken, so that the patch owns it.
    func takeIndexState() -> IndexState? {
        lock.withLock {
            defer { indexState = nil }
            return indexState
        }
    }

    func keepIndexState(_ state: IndexState) {
        lock.withLock { indexState = state }
    }

    /// The scans and word maps of these documents stay for the next build, though this one did
    /// not look them up.
    func keepScans(of keys: [Int]) {
        lock.withLock {
            scans.used.formUnion(keys)
            wordMaps.used.formUnion(keys)
        }
    }

    /// A patched index counts its changed documents itself.
    func noteCounted(_ documents: Int) {
        lock.withLock { counts.made = documents }
    }

    /// Documents scanned (not taken from the cache) by the last build.
    public var scanned: Int { lock.withLock { scans.made } }
    /// Documents counted (not taken from the cache) by the last build.
    public var counted: Int { lock.withLock { counts.made } }

    public init() {}

    /// The value of `key` in `memo`, made (outside the lock) when this cache does not have it.
    private func value<Value>(_ memo: ReferenceWritableKeyPath<SearchIndexCache, Memo<Value>>, _ key: Int, make: () -> Value) -> Value {
        if let value = lock.withLock({ self[keyPath: memo].used.insert(key); return self[keyPath: memo].values[key] }) { return value }
        let value = make()
        lock.withLock {
            self[keyPath: memo].values[key] = value
            self[keyPath: memo].made += 1
        }
        return value
    }

    /// The documents the index takes, by keys the caller makes of everything they are built from
    /// (serve: the file's bytes, the rendered body, the titles it refers to); the same key also
    /// stands for the document's text below, in place of `textHash`. Nil where the cache has
    /// none, or no key was given.
    public func documents(for keys: [Int?]) -> [SearchDocument?] {
        lock.withLock { documents.take(keys) }
    }

    /// Documents made for these keys, for `documents(for:)` of the next builds.
    public func store(_ made: [(key: Int, document: SearchDocument)]) {
        lock.withLock { documents.store(made.map { ($0.key, $0.document) }) }
    }

    func scan(for key: Int, make: () -> DocumentScan) -> DocumentScan {
        value(\.scans, key, make: make)
    }

    /// Counts stay valid while the bank's terms and rules stay the same; otherwise all are redone.
    func beginCounting(termsKey: Int) {
        lock.withLock {
            if countsTermsKey != termsKey { counts.values = [:] }
            countsTermsKey = termsKey
        }
    }

    func counted(for key: Int, make: () -> CountedDocument) -> CountedDocument {
        value(\.counts, key, make: make)
    }

    /// The browser fragments of these keys the cache has.
    func fragments(for keys: [Int]) -> [(data: Data, hash: Int)?] {
        lock.withLock { fragments.take(keys) }
    }

    func store(fragments made: [(key: Int, fragment: (data: Data, hash: Int))]) {
        lock.withLock { fragments.store(made.map { ($0.key, $0.fragment) }) }
    }

    /// Starts a build and forgets what the previous one did not use (edited or deleted documents).
    func begin() {
        lock.withLock {
            documents.begin()
            scans.begin()
            wordMaps.begin()
            counts.begin()
            fragments.begin()
        }
    }
}

extension SearchDocument {
    /// A hash of every text the index and the fragment take from the document.
    public var textHash: Int {
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
