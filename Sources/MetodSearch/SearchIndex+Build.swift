import Foundation
import MetodCore

extension SearchIndex {
    /// Builds the index: scan every document (in parallel), decide the bank's abbreviations,
    /// stem each distinct word once, count and place every term, score with BM25 per field.
    /// With a `cache` (kept by `serve`), documents whose text did not change are not scanned again.
    /// `keys`, one per document, stand for their texts in the cache (the same key, the same
    /// document); without them each document's `textHash` is worked out.
    public static func build(documents: [SearchDocument], catalog: SearchCatalog, cache: SearchIndexCache? = nil, keys given: [Int]? = nil) -> SearchIndex {
        // 1. Words of each document, with a vocabulary of its own (no shared state between threads),
        //    scanned on all cores a batch at a time. 2. Each batch's words join one vocabulary for
        //    the bank (with how often each is written in capitals); of a scan only its word streams
        //    and the map to the bank's word numbers are kept, which is most of the memory saved.
        precondition(given.map { $0.count == documents.count } ?? true, "one key per document")
        cache?.begin()
        let keys = cache.map { _ in given ?? documents.parallelMap(\.textHash) } ?? []
        let batches = stride(from: 0, to: documents.count, by: 512).map { $0..<min($0 + 512, documents.count) }
        // serve keeps the bank's vocabulary from build to build (words are only ever added) with
        // each scan's map into it, so the words of unchanged documents are not looked up again.
        // Word numbers never reach the output (terms are sorted), and a word no document has any
        // more gives no term: below, only words counted in this build take part.
        let kept = cache?.vocabulary
        var vocabulary = kept?.table ?? WordTable(capacity: 1 << 14)
        var compound = kept?.compound ?? []
        var capitals = [Int](repeating: 0, count: vocabulary.count)
        var totals = [Int](repeating: 0, count: vocabulary.count)
        // Without a cache a scan is compacted into a `MappedScan` at once and freed; with one the
        // cache holds the scans anyway, and only the documents counted below are compacted.
        var mapped: [MappedScan] = []
        var scans: [(scan: DocumentScan, toBank: [Int32])] = []
        /// The bank's number of each of the scan's words; new words join the vocabulary.
        func lookUp(_ scan: DocumentScan) -> [Int32] {
            var map = [Int32](repeating: 0, count: scan.words.count)
            for local in 0..<scan.words.count {
                let (id, inserted) = scan.words.withWord(local) { vocabulary.insert($0, hash: scan.words.hashes[local]) }
                if inserted {
                    capitals.append(0)
                    totals.append(0)
                    compound.append(scan.isCompound[local])
                }
                map[local] = id
            }
            return map
        }
        /// Adds (or with `sign` -1 takes away) how often the scan writes each word, and in capitals.
        func count(_ scan: DocumentScan, _ map: [Int32], sign: Int = 1) {
            for local in 0..<scan.words.count {
                capitals[Int(map[local])] += sign * Int(scan.capitals[local])
                totals[Int(map[local])] += sign * Int(scan.totals[local])
            }
        }
        var last = cache?.takeIndexState()
        if let cache, var state = last, state.keys.count == documents.count, state.capitals.count == vocabulary.count {
            // serve's rebuild: the last build's counts, less the changed documents' old words,
            // plus their new ones; the other documents' scans are not even looked up.
            // `state` alone holds the arrays taken out below, so they change in place.
            last = nil
            swap(&capitals, &state.capitals)
            swap(&totals, &state.totals)
            swap(&scans, &state.scans)
            let changed = documents.indices.filter { keys[$0] != state.keys[$0] }
            cache.keepScans(of: keys)
            let made = changed.parallelMap { d in cache.scan(for: keys[d]) { DocumentScan(document: documents[d]).compacted() } }
            for (d, scan) in zip(changed, made) {
                count(scans[d].scan, scans[d].toBank, sign: -1)
                let map = cache.wordMap(for: keys[d]) { lookUp(scan) }
                count(scan, map)
                scans[d] = (scan, map)
            }
            last = state
        } else {
            if cache == nil { mapped.reserveCapacity(documents.count) } else { scans.reserveCapacity(documents.count) }
            for batch in batches {
                // Compacted on the thread that scanned: the scan's growing arrays are freed where
                // they were made, and what crosses threads is a few arrays of exact size. (Freed
                // on the merging thread instead, they left about 20 KB per document of a large
                // bank pinned.)
                let batchScans = batch.parallelMap { d in
                    guard let cache else { return DocumentScan(document: documents[d]).compacted() }
                    return cache.scan(for: keys[d]) { DocumentScan(document: documents[d]).compacted() }
                }
                for (offset, scan) in batchScans.enumerated() {
                    let map = cache?.wordMap(for: keys[batch.lowerBound + offset]) { lookUp(scan) } ?? lookUp(scan)
                    count(scan, map)
                    if cache == nil { mapped.append(MappedScan(scan: scan, toBank: map)) } else { scans.append((scan, map)) }
                }
            }
        }
        let words = (0..<vocabulary.count).map(vocabulary.string)
        cache?.vocabulary = (vocabulary, compound)
        vocabulary = WordTable()

        // 3. Abbreviations: short words the bank mostly writes in capitals.
        var abbreviations = Set<String>()
        for (id, word) in words.enumerated() where !compound[id] && capitals[id] > 0 {
            if TermRules.isAbbreviation(word: word, capitals: capitals[id], total: totals[id]),
               TermMaker.kind(of: word) != .number, TermMaker.kind(of: word) != .mixed {
                abbreviations.insert(word)
            }
        }
        let rules = TermRules(abbreviations: abbreviations)
        let rulesKey = cache.map { _ in Self.rulesKey(rules) } ?? 0

        // 4. The term of each distinct word, stemmed on all cores (a stemmer per chunk); serve
        //    stems only the words new since its last build while the rules stay the same.
        let stemmed = cache?.stems(rules: rulesKey) ?? []
        let chunkSize = 2048
        let chunks = stride(from: stemmed.count, to: words.count, by: chunkSize).map { $0..<min($0 + chunkSize, words.count) }
        let wordList = words
        let isCompound = compound
        let chunkTerms = chunks.parallelMap { range -> [String?] in
            let maker = TermMaker(rules: rules)
            return range.map { id in
                let word = wordList[id]
                if isCompound[id] {
                    let parts = word.split(separator: "-").map(String.init)
                    return maker.terms(for: ScannedWord(parts: parts, capitals: parts.map { _ in false })).whole
                }
                return maker.term(forPart: word)
            }
        }
        let wordTerms = stemmed + chunkTerms.flatMap { $0 }
        cache?.storeStems(wordTerms, rules: rulesKey)

        // serve's rebuild after an edit of a few documents patches the last build's index.
        // `state` alone holds the lists it takes out, so they change in place.
        if let cache, var state = last.take(),
           let patched = patched(&state, documents: documents, catalog: catalog, keys: keys, rules: rules, rulesKey: rulesKey, scans: scans, capitals: capitals, totals: totals, wordTerms: wordTerms, cache: cache) {
            return patched
        }

        // 5. Terms in JavaScript's order, of the words this build counted; each word points at its term.
        let distinct = Set(wordTerms.indices.compactMap { totals[$0] > 0 ? wordTerms[$0] : nil })
        let terms = distinct.sorted(by: String.utf16Less)
        let termIDs = Dictionary(uniqueKeysWithValues: terms.enumerated().map { ($1, Int32($0)) })
        let wordToTerm = wordTerms.map { $0.flatMap { termIDs[$0] } ?? -1 }

        // 6. Per document: frequencies, positions and field lengths (in parallel, a batch at a time).
        // 7. Invert, in document order, so every posting list is sorted by document; on all cores,
        //    each thread filling the lists of its own range of terms.
        let fieldCount = SearchField.allCases.count
        var postings = [PostingList](repeating: PostingList(), count: terms.count)
        let termRangeSize = Swift.max(1, (terms.count + 15) / 16)
        let termRanges = stride(from: 0, to: terms.count, by: termRangeSize).map { $0..<Swift.min($0 + termRangeSize, terms.count) }
        var fieldLengths: [[Int32]] = []
        fieldLengths.reserveCapacity(documents.count)
        // A document counts the same when its text, the bank's terms and the rules are the same:
        // serve then takes the counts of its unchanged documents from the cache.
        cache?.beginCounting(termsKey: Self.termsKey(terms, rulesKey: rulesKey))
        var documentTerms: [[Int32]] = []
        for batch in batches {
            let batchMapped = cache == nil ? Array(mapped[batch]) : []
            let batchScans = cache == nil ? [] : Array(scans[batch])
            let counted = batch.parallelMap { d -> CountedDocument in
                let count = { () -> CountedDocument in
                    let scan = cache == nil ? batchMapped[d - batch.lowerBound]
                        : MappedScan(scan: batchScans[d - batch.lowerBound].scan, toBank: batchScans[d - batch.lowerBound].toBank)
                    return CountedDocument(scan: scan, wordToTerm: scan.toBank.map { wordToTerm[Int($0)] })
                }
                return cache?.counted(for: keys[d], make: count) ?? count()
            }
            if cache == nil {
                for d in batch { mapped[d] = MappedScan() }
            } else {
                documentTerms += counted.map(\.terms)
            }
            postings.withUnsafeMutableBufferPointer { buffer in
                let lists = UnsafeSendable(buffer)
                termRanges.parallelForEach { range in
                    for (offset, document) in counted.enumerated() {
                        let d = Int32(batch.lowerBound + offset)
                        // The document's terms are sorted: start at the first one in range.
                        var e = document.firstEntry(atLeast: Int32(range.lowerBound))
                        while e < document.terms.count, Int(document.terms[e]) < range.upperBound {
                            let t = Int(document.terms[e])
                            lists.value[t].documents.append(d)
                            lists.value[t].frequencies.append(contentsOf: document.frequencies[e * fieldCount..<(e + 1) * fieldCount])
                            lists.value[t].positions.append(contentsOf: document.positions(of: e))
                            lists.value[t].positionStarts.append(Int32(lists.value[t].positions.count))
                            e += 1
                        }
                    }
                }
            }
            fieldLengths += counted.map(\.fieldLengths)
        }

        // 8. BM25 per field, summed with the field weights: one word in the title outweighs
        //    several in the body (BM25F's shared saturation would let the body catch up).
        let averages = averageLengths(fieldLengths)
        let lengthsOfDocuments = fieldLengths
        let count = documents.count
        let scored = postings.parallelMap { list -> PostingList in
            var list = list
            let idf = Self.idf(documents: count, containing: list.count)
            list.scores = (0..<list.count).map { p in
                Self.score(list, p, idf: idf, lengths: lengthsOfDocuments[Int(list.documents[p])], averages: averages)
            }
            return list
        }
        let index = SearchIndex(
            documents: documents, catalog: catalog, rules: rules, terms: terms, postings: scored,
            fieldLengths: fieldLengths, averageFieldLengths: averages, impactScale: Self.impactScale(of: scored),
            cache: cache, textHashes: keys, encodings: cache.map { _ in TermEncodings(terms: terms.count, documents: documents.count) })
        cache?.keepIndexState(IndexState(
            index, rulesKey: rulesKey, termIDs: termIDs, documentTerms: documentTerms, scans: scans, capitals: capitals, totals: totals))
        return index
    }

    /// Each field's average length over the documents, `rounded`.
    static func averageLengths(_ fieldLengths: [[Int32]]) -> [Double] {
        let fieldCount = SearchField.allCases.count
        var averages = [Double](repeating: 0, count: fieldCount)
        for lengths in fieldLengths {
            for f in 0..<fieldCount { averages[f] += Double(lengths[f]) }
        }
        guard !fieldLengths.isEmpty else { return averages }
        return averages.map { rounded($0 / Double(fieldLengths.count)) }
    }

    /// The last build's index with the documents whose keys changed taken out and put back in:
    /// their postings, and the scores of the terms they have or had (every score, when the
    /// rounded average lengths moved). Nil when the bank's documents or rules changed, or too
    /// many documents did: then the index is built whole. Gives what a whole build gives.
    private static func patched(
        _ last: inout IndexState, documents: [SearchDocument], catalog: SearchCatalog, keys: [Int], rules: TermRules, rulesKey: Int,
        scans: [(scan: DocumentScan, toBank: [Int32])], capitals: [Int], totals: [Int], wordTerms: [String?], cache: SearchIndexCache
    ) -> SearchIndex? {
        let count = documents.count
        guard count > 0, last.keys.count == count, last.rulesKey == rulesKey, scans.count == count else { return nil }
        let changed = (0..<count).filter { keys[$0] != last.keys[$0] }
        guard changed.count <= Swift.max(16, count / 32) else { return nil }

        // Taken out of the state, so that each list is changed in place, not copied.
        var terms: [String] = []
        var termIDs: [String: Int32] = [:]
        var postings: [PostingList] = []
        var documentTerms: [[Int32]] = []
        var fieldLengths: [[Int32]] = []
        swap(&terms, &last.terms)
        swap(&termIDs, &last.termIDs)
        swap(&postings, &last.postings)
        swap(&documentTerms, &last.documentTerms)
        swap(&fieldLengths, &last.fieldLengths)
        let encodings = last.encodings

        // The terms the changed documents have now. Out with their postings of the terms they
        // no longer have; the others are replaced in place below. Per term touched: its document
        // count before, and whether its documents changed (if not, its postings stay where they
        // are, and only the blocks of the changed documents' postings are made again).
        let wanted = changed.map { d in Set(scans[d].toBank.compactMap { wordTerms[Int($0)] }) }
        struct Touch {
            var countBefore: Int
            var moved = false
        }
        var touched: [Int32: Touch] = [:]
        for (i, d) in changed.enumerated() {
            for t in documentTerms[d] where !wanted[i].contains(terms[Int(t)]) {
                touched[t, default: Touch(countBefore: postings[Int(t)].count)].moved = true
                postings[Int(t)].remove(document: Int32(d))
            }
        }
        let allWanted = wanted.reduce(into: Set<String>()) { $0.formUnion($1) }
        let added = allWanted.filter { termIDs[$0] == nil }.sorted(by: String.utf16Less)
        let gone = Set(touched.keys.filter { postings[Int($0)].count == 0 && !allWanted.contains(terms[Int($0)]) })
        if !added.isEmpty || !gone.isEmpty {
            // A new order of terms: merge the added ones in, leave the gone ones out.
            var newTerms: [String] = []
            var newPostings: [PostingList] = []
            var newBrowser: [[TermEncodings.BrowserBlock?]?] = []
            var newJSON: [[TermEncodings.JSONBlock?]?] = []
            var renumbered = [Int32](repeating: -1, count: terms.count)
            newTerms.reserveCapacity(terms.count + added.count)
            var a = 0
            func addNew() {
                newTerms.append(added[a])
                newPostings.append(PostingList())
                newBrowser.append(nil)
                newJSON.append(nil)
                a += 1
            }
            for t in terms.indices {
                while a < added.count, String.utf16Less(added[a], terms[t]) { addNew() }
                guard !gone.contains(Int32(t)) else { continue }
                renumbered[t] = Int32(newTerms.count)
                newTerms.append(terms[t])
                newPostings.append(postings[t])
                newBrowser.append(encodings.browser[t])
                newJSON.append(encodings.json[t])
            }
            while a < added.count { addNew() }
            terms = newTerms
            postings = newPostings
            encodings.browser = newBrowser
            encodings.json = newJSON
            let map = renumbered
            documentTerms = documentTerms.parallelMap { $0.map { map[Int($0)] } }
            touched = Dictionary(uniqueKeysWithValues: touched.compactMap { map[Int($0.key)] >= 0 ? (map[Int($0.key)], $0.value) : nil })
            termIDs = Dictionary(uniqueKeysWithValues: terms.enumerated().map { ($1, Int32($0)) })
        }

        // In with their new postings.
        let fieldCount = SearchField.allCases.count
        for d in changed {
            let scan = scans[d]
            let local = scan.toBank.map { wordTerms[Int($0)].flatMap { termIDs[$0] } ?? -1 }
            let counted = CountedDocument(scan: MappedScan(scan: scan.scan, toBank: scan.toBank), wordToTerm: local)
            for e in counted.terms.indices {
                let t = counted.terms[e]
                let (p, found) = postings[Int(t)].place(of: Int32(d))
                let frequencies = counted.frequencies[e * fieldCount..<(e + 1) * fieldCount]
                if found {
                    if touched[t] == nil { touched[t] = Touch(countBefore: postings[Int(t)].count) }
                    postings[Int(t)].replace(at: p, frequencies: frequencies, positions: counted.positions(of: e))
                } else {
                    touched[t, default: Touch(countBefore: postings[Int(t)].count)].moved = true
                    postings[Int(t)].insert(document: Int32(d), at: p, frequencies: frequencies, positions: counted.positions(of: e))
                }
            }
            documentTerms[d] = counted.terms
            fieldLengths[d] = counted.fieldLengths
            encodings.documents[d] = nil
            encodings.labels[d] = nil
        }
        cache.noteCounted(changed.count)

        // Scores: of every posting when the rounded averages moved; else of the changed
        // documents' postings, and of whole lists whose document count (so idf) changed.
        let averages = averageLengths(fieldLengths)
        let lengthsOfDocuments = fieldLengths
        if averages != last.averages {
            postings = postings.parallelMap { list -> PostingList in
                var list = list
                let idf = Self.idf(documents: count, containing: list.count)
                for p in 0..<list.count {
                    list.scores[p] = Self.score(list, p, idf: idf, lengths: lengthsOfDocuments[Int(list.documents[p])], averages: averages)
                }
                return list
            }
            encodings.browser = Array(repeating: nil, count: terms.count)
            encodings.json = Array(repeating: nil, count: terms.count)
        } else {
            for (t, touch) in touched {
                let t = Int(t)
                let idf = Self.idf(documents: count, containing: postings[t].count)
                let whole = postings[t].count != touch.countBefore
                let rescored = whole ? Array(0..<postings[t].count)
                    : changed.compactMap { d in
                        let (p, found) = postings[t].place(of: Int32(d))
                        return found ? p : nil
                    }
                for p in rescored {
                    postings[t].scores[p] = Self.score(postings[t], p, idf: idf, lengths: lengthsOfDocuments[Int(postings[t].documents[p])], averages: averages)
                }
                if whole || touch.moved {
                    encodings.invalidate(t)
                } else {
                    for p in rescored { encodings.invalidate(t, posting: p) }
                }
            }
        }
        let impactScale = Self.impactScale(of: postings)
        if impactScale != last.impactScale { encodings.browser = Array(repeating: nil, count: terms.count) }

        let index = SearchIndex(
            documents: documents, catalog: catalog, rules: rules, terms: terms, postings: postings,
            fieldLengths: fieldLengths, averageFieldLengths: averages, impactScale: impactScale,
            cache: cache, textHashes: keys, encodings: encodings)
        cache.keepIndexState(IndexState(
            index, rulesKey: rulesKey, termIDs: termIDs, documentTerms: documentTerms, scans: scans, capitals: capitals, totals: totals))
        return index
    }
}

/// What a build with serve's cache leaves for the next one to patch (`SearchIndex.patched`).
struct IndexState: Sendable {
    /// The key of each document's text (`SearchIndex.textHashes`).
    var keys: [Int]
    var rulesKey: Int
    var terms: [String]
    var termIDs: [String: Int32]
    var postings: [PostingList]
    /// Per document, its terms (ascending), to take its postings out again.
    var documentTerms: [[Int32]]
    var fieldLengths: [[Int32]]
    var averages: [Double]
    var impactScale: Double
    var encodings: TermEncodings
    /// Per document, its scan and the map of its words into the bank's vocabulary; per word of
    /// the vocabulary, how often the bank writes it, and in capitals.
    var scans: [(scan: DocumentScan, toBank: [Int32])]
    var capitals: [Int]
    var totals: [Int]

    init(_ index: SearchIndex, rulesKey: Int, termIDs: [String: Int32], documentTerms: [[Int32]],
         scans: [(scan: DocumentScan, toBank: [Int32])], capitals: [Int], totals: [Int]) {
        self.scans = scans
        self.capitals = capitals
        self.totals = totals
        keys = index.textHashes
        self.rulesKey = rulesKey
        terms = index.terms
        self.termIDs = termIDs
        postings = index.postings
        self.documentTerms = documentTerms
        fieldLengths = index.fieldLengths
        averages = index.averageFieldLengths
        impactScale = index.impactScale
        encodings = index.encodings ?? TermEncodings(terms: index.terms.count, documents: index.documents.count)
    }
}

extension SearchIndex {
    /// Identifies the rules: with them unchanged, a word stems to the same term.
    static func rulesKey(_ rules: TermRules) -> Int {
        var hasher = Hasher()
        for word in rules.abbreviations.sorted() { hasher.combineText(word) }
        hasher.combine(-1)
        for word in rules.stopWords.sorted() { hasher.combineText(word) }
        return hasher.finalize()
    }

    /// Identifies the bank's terms and rules: with both unchanged, a text counts the same.
    static func termsKey(_ terms: [String], rulesKey: Int) -> Int {
        var hasher = Hasher()
        hasher.combine(rulesKey)
        hasher.combine(terms.count)
        for term in terms { hasher.combineText(term) }
        return hasher.finalize()
    }
}

/// The words of one document: a vocabulary of its own and, per field, the stream of word numbers.
struct DocumentScan: Sendable {
    /// Stream markers: a line break, and the start of a compound (followed by the whole's word
    /// number and then its parts' numbers).
    static let blockBreak: Int32 = -1
    static func compoundMarker(parts: Int) -> Int32 { Int32(-2 - parts) }

    var words = WordTable()
    var isCompound: [Bool] = []
    var capitals: [Int32] = []
    var totals: [Int32] = []
    var streams: [[Int32]] = []

    /// The same scan in arrays of exact size, its word table read-only.
    func compacted() -> DocumentScan {
        var copy = self
        copy.words = words.frozen()
        copy.isCompound = isCompound.exactCopy()
        copy.capitals = capitals.exactCopy()
        copy.totals = totals.exactCopy()
        copy.streams = streams.map { $0.exactCopy() }
        return copy
    }

    init(document: SearchDocument) {
        var joined: [UInt8] = []
        func id(_ word: UnsafeBufferPointer<UInt8>, compound: Bool, capitals caps: Bool) -> Int32 {
            let (id, inserted) = words.insert(word)
            if inserted {
                isCompound.append(compound)
                capitals.append(0)
                totals.append(0)
            }
            totals[Int(id)] += 1
            if caps { capitals[Int(id)] += 1 }
            return id
        }
        for field in SearchField.allCases {
            var stream: [Int32] = []
            TextScanner.scanBytes(document.text(of: field), word: { bytes, ends, caps in
                if ends.count == 1 {
                    stream.append(id(bytes, compound: false, capitals: caps[0]))
                    return
                }
                // A compound: the whole (parts joined by «-»), then each part.
                stream.append(Self.compoundMarker(parts: ends.count))
                joined.removeAll(keepingCapacity: true)
                var start = 0
                for end in ends {
                    if start > 0 { joined.append(UInt8(ascii: "-")) }
                    joined.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<end]))
                    start = end
                }
                stream.append(joined.withUnsafeBufferPointer { id($0, compound: true, capitals: false) })
                start = 0
                for (end, capital) in zip(ends, caps) {
                    stream.append(id(UnsafeBufferPointer(rebasing: bytes[start..<end]), compound: false, capitals: capital))
                    start = end
                }
            }, blockBreak: { stream.append(Self.blockBreak) })
            streams.append(stream)
        }
    }
}

/// What counting needs of a scan once its words are in the bank's vocabulary: its streams in
/// one array of their exact size.
struct MappedScan: Sendable {
    /// Every field's stream, one after another; field `f` ends at `fieldEnds[f]`.
    var tokens: [Int32] = []
    var fieldEnds: [Int] = []
    /// The bank's number of each of the scan's own words.
    var toBank: [Int32] = []

    init() {}

    init(scan: DocumentScan, toBank: [Int32]) {
        tokens = [Int32](unsafeUninitializedCapacity: scan.streams.reduce(0) { $0 + $1.count }) { buffer, count in
            for stream in scan.streams {
                for token in stream {
                    buffer[count] = token
                    count += 1
                }
            }
        }
        var end = 0
        fieldEnds = scan.streams.map { end += $0.count; return end }
        self.toBank = toBank
    }

    func stream(_ field: Int) -> ArraySlice<Int32> {
        tokens[(field == 0 ? 0 : fieldEnds[field - 1])..<fieldEnds[field]]
    }
}

/// One document's terms with their per-field frequencies and positions, sorted by term.
struct CountedDocument: Sendable {
    var terms: [Int32] = []
    var frequencies: [UInt16] = []
    var positionStarts: [Int32] = [0]
    var positions: [Int32] = []
    var fieldLengths: [Int32]

    /// The first entry whose term is `term` or later (binary search: `terms` is sorted).
    func firstEntry(atLeast term: Int32) -> Int {
        var low = 0
        var high = terms.count
        while low < high {
            let middle = (low + high) / 2
            if terms[middle] < term { low = middle + 1 } else { high = middle }
        }
        return low
    }

    func positions(of entry: Int) -> ArraySlice<Int32> {
        positions[Int(positionStarts[entry])..<Int(positionStarts[entry + 1])]
    }

    /// Positions count kept terms only: dropped words leave no hole, so «план работы с
    /// наставником» and «план работы наставника» are both the phrase «план работ наставник».
    /// A line break and a field boundary leave a hole, so phrases never span them.
    init(scan: MappedScan, wordToTerm: [Int32]) {
        let fieldCount = SearchField.allCases.count
        fieldLengths = [Int32](repeating: 0, count: fieldCount)
        // Every occurrence packed as term | position | field, then sorted: grouped by term,
        // positions ascending. Cheaper than a dictionary of arrays per document.
        var packed: [UInt64] = []
        var position: UInt64 = 0
        func add(_ term: Int32, field: Int, at position: UInt64) {
            packed.append(UInt64(term) << 32 | position << 3 | UInt64(field))
        }
        for field in scan.fieldEnds.indices {
            let stream = scan.stream(field)
            var i = stream.startIndex
            while i < stream.endIndex {
                let token = stream[i]
                if token == DocumentScan.blockBreak {
                    position += 1
                    i += 1
                } else if token >= 0 {
                    let term = wordToTerm[Int(token)]
                    if term >= 0 {
                        add(term, field: field, at: position)
                        position += 1
                        fieldLengths[field] += 1
                    }
                    i += 1
                } else {
                    let parts = Int(-2 - token)
                    let whole = wordToTerm[Int(stream[i + 1])]
                    let start = position
                    for p in 0..<parts {
                        let term = wordToTerm[Int(stream[i + 2 + p])]
                        if term >= 0 {
                            add(term, field: field, at: position)
                            position += 1
                            fieldLengths[field] += 1
                        }
                    }
                    if whole >= 0 { add(whole, field: field, at: start) }
                    i += 2 + parts
                }
            }
            position += 1
        }
        precondition(position < 1 << 29, "document too long for the position encoding")
        packed.sort()
        var current: Int32 = -1
        for value in packed {
            let term = Int32(truncatingIfNeeded: value >> 32)
            if term != current {
                if current >= 0 { positionStarts.append(Int32(positions.count)) }
                current = term
                terms.append(term)
                frequencies.append(contentsOf: repeatElement(0, count: fieldCount))
            }
            frequencies[frequencies.count - fieldCount + Int(value & 7)] &+= 1
            let at = Int32(truncatingIfNeeded: (value >> 3) & 0x1FFF_FFFF)
            // The same position twice (a whole compound and its part never share a term) is kept once.
            if positions.count == Int(positionStarts.last!) || positions.last! != at { positions.append(at) }
        }
        if current >= 0 { positionStarts.append(Int32(positions.count)) }
    }
}
