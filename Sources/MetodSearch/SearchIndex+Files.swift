import Foundation
import MetodCore

/// A file of the search index, relative to the site root.
public struct SearchFile: Sendable {
    public var path: SitePath
    public var data: Data
    /// `ContentHash.of(data)`, when it is already known.
    public var hash: Int?
}

/// Names and constants of the index files, shared by the writer, the reader and the README.
public enum SearchIndexFormat {
    public static let version = 1
    public static let folder = "search"
    /// Fragment files per folder (`search/d/0/…`), so no folder grows past what a USB stick's
    /// FAT32 handles comfortably.
    static let fragmentsPerFolder = 1000
    /// Postings per browser shard, in bytes of encoded text: small enough that a query loads
    /// little, large enough that a bank of 10,000 documents has a few hundred files.
    static let shardTargetBytes = 16_000
    /// Positions per file (`p/N.js`), loaded only for quoted phrases.
    static let positionPartTargetBytes = 8_000
    /// Impact levels of the browser files: 1…63, on a log scale of the score.
    static let impactLevels = 62.0
    static let impactRange = 1000.0

    /// Whether the index writes this file (everything under `search/` but the search page).
    public static func isIndexFile(_ path: SitePath) -> Bool {
        path.value.hasPrefix(folder + "/") && !path.value.hasSuffix(".html")
    }

    /// The stop words and abbreviations stored in an `index.json`.
    public static func rules(fromIndexJSON data: Data) -> TermRules? {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let analyzer = object["analyzer"] as? [String: Any],
              let stopWords = analyzer["stopWords"] as? [String],
              let abbreviations = analyzer["abbreviations"] as? [String]
        else { return nil }
        return TermRules(stopWords: Set(stopWords), abbreviations: Set(abbreviations))
    }

    static func impact(_ score: Double, max: Double) -> Int {
        guard max > 0, score > 0 else { return 1 }
        let level = 1 + Int(impactLevels * log(1 + impactRange * score / max) / log(1 + impactRange))
        return Swift.min(63, Swift.max(1, level))
    }
}

extension SearchIndex {
    /// Every file of the index: `search/index.json` and the browser's scripts.
    public func files() -> [SearchFile] {
        var files: [SearchFile] = []
        emitFiles { files.append($0) }
        return files
    }

    /// Hands over the files one after another as they are made, so the largest (`index.json`,
    /// the fragments) are never all in memory at once; `emit` is called on one thread.
    /// `stream` takes `index.json` (tens of megabytes for a large bank) as a path, its hash and
    /// size when they are known before it is written (with serve's cache: a hash of its parts'
    /// hashes, so a file that did not change is not even made), and a function that hands over its
    /// bytes part by part; by default the parts are joined and given to `emit`.
    public func emitFiles(
        _ emit: (SearchFile) -> Void,
        stream: ((SitePath, _ known: (hash: Int, bytes: Int)?, _ produce: (_ part: (UnsafeRawBufferPointer) -> Void) -> Void) -> Void)? = nil,
        share: WorkShare = WorkShare()
    ) {
        guard let stream else {
            var data = Data()
            if let encodings { fillTermEntries(encodings) }
            writeIndexJSON(head: indexJSONHead()) { data.append(contentsOf: $0) }
            emit(SearchFile(path: SitePath("\(SearchIndexFormat.folder)/index.json"), data: data))
            return emitBrowserFiles(emit)
        }
        // `index.json` (the largest file, written on this thread) while the browser's files are
        // made by a thread that waits for this index (`share`), if one comes: in serve's rebuild
        // the two are what is left after the pages, and dispatch, with the other worker being
        // that waiting builder, ran them one after the other on one core.
        share.share({ emitBrowserFiles(emit) }, while: { streamIndexJSON(stream) })
    }

    /// Hands `index.json` to `stream`, with its hash and size when serve's cache knows them.
    private func streamIndexJSON(
        _ stream: (SitePath, _ known: (hash: Int, bytes: Int)?, _ produce: (_ part: (UnsafeRawBufferPointer) -> Void) -> Void) -> Void
    ) {
        let path = SitePath("\(SearchIndexFormat.folder)/index.json")
        guard let encodings else { return stream(path, nil) { part in writeIndexJSON(head: indexJSONHead(), part) } }
        let head = indexJSONHead()
        fillTermEntries(encodings)
        var hasher = Hasher()
        head.withUnsafeBytes { hasher.combine(bytes: $0) }
        var bytes = head.count + 4
        for t in terms.indices {
            var prefix = JSONText()
            prefix.string(terms[t])
            prefix.bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
            bytes += prefix.bytes.count + 3 + (t > 0 ? 2 : 0)
            for block in encodings.json[t]! {
                hasher.combine(block!.hash)
                bytes += block!.bytes.count
            }
        }
        stream(path, (hasher.finalize(), bytes)) { part in writeIndexJSON(head: head, part) }
    }

    /// The blocks of `index.json`'s term entries that serve's cache does not have, made on all cores.
    private func fillTermEntries(_ encodings: TermEncodings) {
        let missing = Self.missingBlocks(encodings.json, postings)
        let made = missing.parallelMap { t, k -> TermEncodings.JSONBlock in
            var block = JSONText(capacity: TermEncodings.blockSize * 16)
            jsonBlock(t, k, into: &block)
            var hasher = Hasher()
            block.bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
            return TermEncodings.JSONBlock(bytes: block.bytes, hash: hasher.finalize())
        }
        for ((t, k), block) in zip(missing, made) {
            if encodings.json[t] == nil { encodings.json[t] = Array(repeating: nil, count: TermEncodings.blocks(of: postings[t])) }
            encodings.json[t]![k] = block
        }
    }

    /// The (term, block) pairs that `blocks` lacks: every block of a term it has none of.
    static func missingBlocks<Block>(_ blocks: [[Block?]?], _ postings: [PostingList]) -> [(Int, Int)] {
        var missing: [(Int, Int)] = []
        for t in blocks.indices {
            if let made = blocks[t] {
                for k in made.indices where made[k] == nil { missing.append((t, k)) }
            } else {
                for k in 0..<TermEncodings.blocks(of: postings[t]) { missing.append((t, k)) }
            }
        }
        return missing
    }

    /// The canonical index for other programs (the README documents it), handed over part by
    /// part: the head, then the postings a few chunks at a time. With serve's cache, the term
    /// entries are those `fillTermEntries` made beforehand.
    func writeIndexJSON(head: [UInt8], _ part: (UnsafeRawBufferPointer) -> Void) {
        head.withUnsafeBytes(part)
        if let encodings {
            var buffer: [UInt8] = []
            buffer.reserveCapacity(1 << 20)
            for t in terms.indices {
                var prefix = JSONText()
                if t > 0 { prefix.raw(",\n") }
                prefix.string(terms[t])
                prefix.raw(":[")
                buffer += prefix.bytes
                for block in encodings.json[t]! { buffer += block!.bytes }
                buffer.append(UInt8(ascii: "]"))
                if buffer.count >= 1 << 20 {
                    buffer.withUnsafeBytes(part)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            buffer.withUnsafeBytes(part)
        } else {
            // The postings are most of the file: written in chunks on all cores, a few chunks at
            // a time, each handed over and freed at once. Chunks are cut by postings, not by
            // terms: a small vocabulary has terms of thousands.
            let chunks = Self.cut(terms.indices, target: 25_000) { postings[$0].count + 1 }
            let group = 2 * ProcessInfo.processInfo.activeProcessorCount
            for first in stride(from: 0, to: chunks.count, by: group) {
                let made = chunks[first..<min(first + group, chunks.count)].parallelMap { range -> JSONText in
                    var json = JSONText(capacity: 1 << 20)
                    for t in range {
                        if t > 0 { json.raw(",\n") }
                        termJSON(t, into: &json)
                    }
                    return json
                }
                for chunk in made { chunk.bytes.withUnsafeBytes(part) }
            }
        }
        Array("\n}}\n".utf8).withUnsafeBytes(part)
    }

    /// `index.json` up to its terms: the analyzer, the ranking, the catalog and the documents.
    func indexJSONHead() -> [UInt8] {
        var json = JSONText(capacity: 1 << 20)
        json.raw("{\"format\":\"metodbank-search\",\"version\":\(SearchIndexFormat.version),\n")
        json.raw("\"analyzer\":{\"stopWords\":")
        json.strings(rules.stopWords.sorted(by: String.utf16Less))
        json.raw(",\"abbreviations\":")
        json.strings(rules.abbreviations.sorted(by: String.utf16Less))
        json.raw("},\n\"ranking\":{\"model\":\"BM25 per field, weighted sum\",\"k1\":")
        json.number(Self.k1)
        json.raw(",\"documentCount\":\(documents.count),\"fields\":[")
        for field in SearchField.allCases {
            if field.rawValue > 0 { json.raw(",") }
            json.raw("{\"name\":")
            json.string(field.name)
            json.raw(",\"weight\":")
            json.number(field.weight)
            json.raw(",\"b\":")
            json.number(field.lengthNormalization)
            json.raw(",\"averageLength\":")
            json.number(averageFieldLengths[field.rawValue])
            json.raw("}")
        }
        json.raw("]},\n")
        catalogJSON(into: &json, facetSeparator: ",") { $0.keyLabel($1.key, $1.label) }
        json.raw(",\n\"documents\":[\n")
        if let encodings {
            // serve keeps each document's entry: only the changed documents' are made.
            let missing = documents.indices.filter { encodings.documents[$0] == nil }
            let made = missing.parallelMap { d -> [UInt8] in
                var entry = JSONText(capacity: 512)
                documentJSON(d, into: &entry)
                return entry.bytes
            }
            for (d, entry) in zip(missing, made) { encodings.documents[d] = entry }
            for d in documents.indices {
                if d > 0 { json.raw(",\n") }
                json.append(encodings.documents[d]!)
            }
        } else {
            for d in documents.indices {
                if d > 0 { json.raw(",\n") }
                documentJSON(d, into: &json)
            }
        }
        json.raw("\n],\n\"terms\":{\n")
        return json.bytes
    }

    /// Document `d`'s entry in `index.json`. Its fields are read in place: copying each
    /// document showed in profiles.
    private func documentJSON(_ d: Int, into json: inout JSONText) {
        json.raw("{\"id\":")
        json.string(documents[d].id)
        json.raw(",\"type\":")
        json.string(documents[d].type)
        json.raw(",\"url\":")
        json.string(documents[d].url.value)
        json.raw(",\"title\":")
        json.string(documents[d].title)
        json.raw(",\"summary\":")
        json.string(documents[d].summary)
        json.raw(",\"lengths\":[")
        for (f, length) in fieldLengths[d].enumerated() {
            if f > 0 { json.raw(",") }
            json.number(Int(length))
        }
        json.raw("],\"facets\":{")
        for (i, facet) in catalog.facets.enumerated() {
            if i > 0 { json.raw(",") }
            json.string(facet.name)
            json.raw(":")
            json.strings(documents[d].facets[facet.name] ?? [])
        }
        json.raw("}}")
    }

    /// Term `t`'s entry in the `terms` object of `index.json`.
    private func termJSON(_ t: Int, into json: inout JSONText) {
        json.string(terms[t])
        json.raw(":[")
        for k in 0..<TermEncodings.blocks(of: postings[t]) { jsonBlock(t, k, into: &json) }
        json.byte(UInt8(ascii: "]"))
    }

    /// Block `k` of the postings of term `t` in `index.json`: each posting but the term's first
    /// after a comma.
    private func jsonBlock(_ t: Int, _ k: Int, into json: inout JSONText) {
        let list = postings[t]
        for p in (k * TermEncodings.blockSize)..<Swift.min((k + 1) * TermEncodings.blockSize, list.count) {
            json.raw(p > 0 ? ",[" : "[")
            json.number(Int(list.documents[p]))
            json.byte(UInt8(ascii: ","))
            json.number(Int((list.scores[p] * 1000).rounded()))
            for field in SearchField.allCases {
                let tf = list.frequency(p, field)
                if tf > 0 {
                    json.byte(UInt8(ascii: ","))
                    json.number(field.rawValue)
                    json.byte(UInt8(ascii: ","))
                    json.number(tf)
                }
            }
            json.byte(UInt8(ascii: "]"))
        }
    }

    /// `"types":[…],\n"facets":[…]`, shared by `index.json` and `meta.js`; `label` writes one type
    /// or facet value (an object in `index.json`, a `[key, label]` pair in `meta.js`).
    private func catalogJSON(into json: inout JSONText, facetSeparator: String, label: (inout JSONText, SearchLabel) -> Void) {
        json.raw("\"types\":")
        json.list(catalog.types, label)
        json.raw(",\n\"facets\":")
        json.list(catalog.facets, separator: facetSeparator) { json, facet in
            json.raw("{\"name\":")
            json.string(facet.name)
            json.raw(",\"label\":")
            json.string(facet.label)
            json.raw(",\"values\":")
            json.list(facet.values, label)
            json.raw("}")
        }
    }

    /// The browser's files, classic scripts that hand their data to `metodbankSearch.receive`:
    /// `meta.js` (loaded first), term shards `t/N.js` with impacts, position parts `p/N.js`
    /// (only for quoted phrases) and one fragment per document `d/K/N.js` (title, link, text).
    func emitBrowserFiles(_ emit: (SearchFile) -> Void) {
        let folder = SearchIndexFormat.folder
        // Encode every term's postings (serve: those whose postings or scores changed); cut the
        // sorted terms into shards of about the target size.
        let impactScale = impactScale
        // Postings as document gaps with impacts; positions as a count and gaps per posting.
        let encode = { @Sendable (list: PostingList, range: Range<Int>, block: inout TermEncodings.BrowserBlock) in
            var previous = range.lowerBound > 0 ? Int(list.documents[range.lowerBound - 1]) : 0
            for p in range {
                let doc = Int(list.documents[p])
                VLQ.append(doc - previous, to: &block.postings)
                previous = doc
                VLQ.appendDigit(SearchIndexFormat.impact(list.scores[p], max: impactScale), to: &block.postings)
                let positions = list.positions(of: p)
                VLQ.append(positions.count, to: &block.positions)
                var last = 0
                for position in positions {
                    VLQ.append(Int(position) - last, to: &block.positions)
                    last = Int(position)
                }
            }
        }
        let encoded: [TermEncodings.BrowserBlock]
        if let encodings {
            let missing = Self.missingBlocks(encodings.browser, postings)
            let made = missing.parallelMap { t, k -> TermEncodings.BrowserBlock in
                var block = TermEncodings.BrowserBlock()
                let size = TermEncodings.blockSize
                encode(postings[t], (k * size)..<Swift.min((k + 1) * size, postings[t].count), &block)
                return block
            }
            for ((t, k), block) in zip(missing, made) {
                if encodings.browser[t] == nil { encodings.browser[t] = Array(repeating: nil, count: TermEncodings.blocks(of: postings[t])) }
                encodings.browser[t]![k] = block
            }
            encoded = encodings.browser.map { blocks in
                guard blocks!.count > 1 else { return blocks![0]! }
                var joined = TermEncodings.BrowserBlock()
                for block in blocks! {
                    joined.postings += block!.postings
                    joined.positions += block!.positions
                }
                return joined
            }
        } else {
            encoded = postings.parallelMap { list in
                var block = TermEncodings.BrowserBlock()
                encode(list, 0..<list.count, &block)
                return block
            }
        }
        let shards = Self.cut(terms.indices, target: SearchIndexFormat.shardTargetBytes) {
            encoded[$0].postings.count + terms[$0].utf8.count + 4
        }
        // Positions are cut finer and apart from the postings: a phrase loads only its words'.
        let parts = Self.cut(terms.indices, target: SearchIndexFormat.positionPartTargetBytes) {
            encoded[$0].positions.count + terms[$0].utf8.count + 4
        }
        var partOfTerm = [Int](repeating: 0, count: terms.count)
        for (k, range) in parts.enumerated() {
            for t in range { partOfTerm[t] = k }
        }

        let metaPath = SitePath("\(folder)/meta.js")
        if let encodings {
            // serve makes it again only when what it is made of changed.
            let key = metaKey(shards: shards, encodings: encodings)
            if encodings.meta?.key != key {
                let data = metaScript(shards: shards).data
                encodings.meta = (key, SearchFile(path: metaPath, data: data, hash: ContentHash.of(data)))
            }
            emit(encodings.meta!.file)
        } else {
            emit(SearchFile(path: metaPath, data: metaScript(shards: shards).data))
        }
        for (n, range) in shards.enumerated() {
            var shard = JSONText(capacity: SearchIndexFormat.shardTargetBytes * 2)
            shard.raw("metodbankSearch.receive(\"t\(n)\",{\"terms\":")
            shard.strings(Array(terms[range]))
            shard.raw(",\n\"postings\":")
            shard.plainStrings(range.map { encoded[$0].postings })
            shard.raw(",\n\"positionParts\":[")
            for t in range {
                if t > range.lowerBound { shard.raw(",") }
                shard.number(partOfTerm[t])
            }
            shard.raw("]});\n")
            emit(SearchFile(path: SitePath("\(folder)/t/\(n).js"), data: shard.data))
        }
        for (k, range) in parts.enumerated() {
            var part = JSONText(capacity: SearchIndexFormat.positionPartTargetBytes * 2)
            part.raw("metodbankSearch.receive(\"p\(k)\",{\"terms\":")
            part.strings(Array(terms[range]))
            part.raw(",\n\"positions\":")
            part.plainStrings(range.map { encoded[$0].positions })
            part.raw("});\n")
            emit(SearchFile(path: SitePath("\(folder)/p/\(k).js"), data: part.data))
        }
        let typeIndex = Dictionary(uniqueKeysWithValues: catalog.types.enumerated().map { ($1.key, $0) })
        // Fragments are made on all cores a batch at a time and handed over in order; serve
        // takes those of unchanged documents from its cache, looked up a batch at a time.
        let batches = stride(from: 0, to: documents.count, by: 512).map { $0..<min($0 + 512, documents.count) }
        @Sendable func path(_ d: Int) -> SitePath {
            SitePath("\(folder)/d/\(d / SearchIndexFormat.fragmentsPerFolder)/\(d).js")
        }
        for batch in batches {
            let types = batch.map { typeIndex[documents[$0].type] ?? 0 }
            guard let cache else {
                batch.parallelMap { d in SearchFile(path: path(d), data: fragment(d, type: types[d - batch.lowerBound])) }.forEach(emit)
                continue
            }
            let keys = batch.map { d in
                var key = Hasher()
                key.combine(textHashes[d])
                key.combine(d)
                key.combine(types[d - batch.lowerBound])
                return key.finalize()
            }
            var found = cache.fragments(for: keys)
            let missing = found.indices.filter { found[$0] == nil }
            let made = missing.parallelMap { i -> (data: Data, hash: Int) in
                let data = fragment(batch.lowerBound + i, type: types[i])
                return (data, ContentHash.of(data))
            }
            cache.store(fragments: zip(missing, made).map { (keys[$0], $1) })
            for (i, fragment) in zip(missing, made) { found[i] = fragment }
            for (i, fragment) in found.enumerated() {
                emit(SearchFile(path: path(batch.lowerBound + i), data: fragment!.data, hash: fragment!.hash))
            }
        }
    }

    /// The fragment of document `d`: what a result shows (title, address, text for snippets).
    private func fragment(_ d: Int, type: Int) -> Data {
        let document = documents[d]
        var fragment = JSONText(capacity: document.body.utf8.count + 512)
        fragment.raw("metodbankSearch.receive(\"d\(d)\",{\"u\":")
        fragment.string(document.url.value)
        fragment.raw(",\"t\":")
        fragment.string(TextScanner.normalized(document.title))
        fragment.raw(",\"y\":\(type),\"s\":")
        fragment.string(TextScanner.normalized(document.summary))
        fragment.raw(",\"x\":")
        fragment.string(TextScanner.normalized(document.body))
        fragment.raw(",\"d\":")
        fragment.string(TextScanner.normalized(document.details.joined(separator: "\n")))
        fragment.raw("});\n")
        return fragment.data
    }

    /// Consecutive ranges of `items` of about `target` bytes each (an item is never split).
    static func cut(_ items: Range<Int>, target: Int, size: (Int) -> Int) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = items.lowerBound
        var total = 0
        for i in items {
            total += size(i)
            if total >= target {
                ranges.append(start..<(i + 1))
                start = i + 1
                total = 0
            }
        }
        if start < items.upperBound { ranges.append(start..<items.upperBound) }
        return ranges
    }

    /// Stands for everything `meta.js` is made of: each document's type and facets, the rules,
    /// the catalog and the shards' first terms.
    func metaKey(shards: [Range<Int>], encodings: TermEncodings) -> Int {
        for d in documents.indices where encodings.labels[d] == nil {
            var hasher = Hasher()
            hasher.combineText(documents[d].type)
            for name in documents[d].facets.keys.sorted() {
                hasher.combineText(name)
                hasher.combine(documents[d].facets[name]!.count)
                for value in documents[d].facets[name]! { hasher.combineText(value) }
            }
            encodings.labels[d] = hasher.finalize()
        }
        var hasher = Hasher()
        hasher.combine(documents.count)
        for label in encodings.labels { hasher.combine(label!) }
        hasher.combine(Self.rulesKey(rules))
        for label in catalog.types { hasher.combineText(label.key); hasher.combineText(label.label) }
        for facet in catalog.facets {
            hasher.combineText(facet.name)
            hasher.combineText(facet.label)
            hasher.combine(facet.values.count)
            for label in facet.values { hasher.combineText(label.key); hasher.combineText(label.label) }
        }
        for range in shards { hasher.combineText(terms[range.lowerBound]) }
        return hasher.finalize()
    }

    /// The first file: what every search needs before it knows its terms.
    func metaScript(shards: [Range<Int>]) -> JSONText {
        var meta = JSONText(capacity: documents.count * 12 + 8192)
        meta.raw("metodbankSearch.receive(\"meta\",{\"version\":\(SearchIndexFormat.version),\"count\":\(documents.count),")
        meta.raw("\"fragmentsPerFolder\":\(SearchIndexFormat.fragmentsPerFolder),\n\"stopWords\":")
        meta.strings(rules.stopWords.sorted(by: String.utf16Less))
        meta.raw(",\n\"abbreviations\":")
        meta.strings(rules.abbreviations.sorted(by: String.utf16Less))
        meta.raw(",\n")
        catalogJSON(into: &meta, facetSeparator: ",\n") { $0.strings([$1.key, $1.label]) }
        // Documents by type, as runs: [type, count, type, count, …] (documents are mostly
        // grouped by type). Then one column per facet: for each document the number of its
        // values and their indexes, a character each when every number is below 64, else VLQ.
        // By index throughout: a `SearchDocument` holds many strings, and copying each one per
        // loop showed in profiles of serve's rebuild.
        let typeIndex = Dictionary(uniqueKeysWithValues: catalog.types.enumerated().map { ($1.key, $0) })
        let types = documents.indices.map { typeIndex[documents[$0].type] ?? 0 }
        var runs: [UInt8] = []
        var d = 0
        while d < documents.count {
            var end = d + 1
            while end < documents.count, types[end] == types[d] { end += 1 }
            VLQ.append(types[d], to: &runs)
            VLQ.append(end - d, to: &runs)
            d = end
        }
        meta.raw(",\n\"docTypes\":")
        meta.plainString(runs)
        meta.raw(",\n\"docFacets\":[")
        for (f, facet) in catalog.facets.enumerated() {
            let index = Dictionary(facet.values.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { first, _ in first })
            let lists = documents.indices.map { d in (documents[d].facets[facet.name] ?? []).compactMap { index[$0] } }
            let narrow = facet.values.count < 64 && lists.allSatisfy { $0.count < 64 }
            var column: [UInt8] = []
            for list in lists {
                for number in [list.count] + list {
                    if narrow { VLQ.appendDigit(number, to: &column) } else { VLQ.append(number, to: &column) }
                }
            }
            if f > 0 { meta.raw(",") }
            meta.plainStrings([Array((narrow ? "d" : "v").utf8), column])
        }
        meta.raw("]")
        meta.raw(",\n\"shards\":")
        meta.strings(shards.map { terms[$0.lowerBound] })
        meta.raw("});\n")
        return meta
    }
}
