import Foundation
import MetodCore

/// The inverted index of a bank: every term with the documents it occurs in, how often per
/// field, where, and its BM25 score. Built once per build by `SearchIndex.build`, then written
/// as `index.json` and as the browser's script files.
public struct SearchIndex: Sendable {
    /// The documents, in the order their numbers refer to.
    public let documents: [SearchDocument]
    public let catalog: SearchCatalog
    /// Stop words and the abbreviations found in this bank.
    public let rules: TermRules
    /// Terms sorted by UTF-16 code units (the order JavaScript compares strings in).
    public let terms: [String]
    /// Parallel to `terms`.
    public let postings: [PostingList]
    /// Per document, the number of terms in each field (`SearchField` order).
    public let fieldLengths: [[Int32]]
    /// The average length of each field, to three significant digits (`rounded`): so that an
    /// edit of one document in a large bank leaves every other document's scores as they were.
    public let averageFieldLengths: [Double]
    /// The score the browser's impact levels are relative to: the highest score, rounded up to
    /// a power of two (for the same reason).
    let impactScale: Double
    /// serve's cache, and the text hash of each document (empty without a cache).
    let cache: SearchIndexCache?
    let textHashes: [Int]
    /// The encoded postings and `index.json` entries of the terms, kept in serve's cache for the
    /// next build (nil without a cache).
    let encodings: TermEncodings?

    /// BM25 saturation.
    public static let k1 = 1.2
}

extension SearchIndex {
    /// `value` to three significant digits.
    static func rounded(_ value: Double) -> Double {
        guard value > 0 else { return 0 }
        let scale = pow(10, 2 - floor(log10(value)))
        return (value * scale).rounded() / scale
    }

    /// The smallest power of two at or above the highest score.
    static func impactScale(of postings: [PostingList]) -> Double {
        let highest = postings.parallelMap { $0.scores.max() ?? 0 }.max() ?? 0
        return highest > 0 ? exp2(ceil(log2(highest))) : 0
    }

    /// `log(1 + (N - df + 0.5) / (df + 0.5))`.
    static func idf(documents: Int, containing: Int) -> Double {
        log(1 + (Double(documents) - Double(containing) + 0.5) / (Double(containing) + 0.5))
    }

    /// Posting `p`'s score: the sum over fields of weight × BM25, times `idf`. Full builds and
    /// serve's patches score with this one function, so both give the same bits.
    @inline(__always)
    static func score(_ list: PostingList, _ p: Int, idf: Double, lengths: [Int32], averages: [Double]) -> Double {
        var score = 0.0
        for field in SearchField.allCases {
            let tf = Double(list.frequency(p, field))
            guard tf > 0, averages[field.rawValue] > 0 else { continue }
            let b = field.lengthNormalization
            let norm = 1 - b + b * Double(lengths[field.rawValue]) / averages[field.rawValue]
            score += field.weight * tf * (k1 + 1) / (tf + k1 * norm)
        }
        return idf * score
    }
}

/// Per term, its browser postings and positions and its entry in `index.json`, made in blocks of
/// `blockSize` postings, so that an edit of one document makes one block of each of its terms
/// again. Nil where a term (or one block of it) changed since it was made. Filled when the files
/// are made; serve's next build patches them with the index.
final class TermEncodings: @unchecked Sendable {
    static let blockSize = 256

    struct BrowserBlock: Sendable {
        var postings: [UInt8] = []
        var positions: [UInt8] = []
    }

    struct JSONBlock: Sendable {
        var bytes: [UInt8]
        var hash: Int
    }

    var browser: [[BrowserBlock?]?]
    var json: [[JSONBlock?]?]
    /// Per document, its entry in `index.json`, and a hash of its type and facets (`meta.js`).
    var documents: [[UInt8]?]
    var labels: [Int?]
    /// `meta.js`, and the key of what it was made from (`SearchIndex.metaKey`).
    var meta: (key: Int, file: SearchFile)?

    init(terms: Int, documents: Int) {
        browser = Array(repeating: nil, count: terms)
        json = Array(repeating: nil, count: terms)
        self.documents = Array(repeating: nil, count: documents)
        labels = Array(repeating: nil, count: documents)
    }

    static func blocks(of list: PostingList) -> Int {
        (list.count + blockSize - 1) / blockSize
    }

    /// Term `t` is made again whole.
    func invalidate(_ t: Int) {
        browser[t] = nil
        json[t] = nil
    }

    /// The block of term `t` that holds posting `p` is made again.
    func invalidate(_ t: Int, posting p: Int) {
        browser[t]?[p / Self.blockSize] = nil
        json[t]?[p / Self.blockSize] = nil
    }
}

/// The occurrences of one term.
public struct PostingList: Sendable {
    /// Document numbers, ascending.
    public var documents: [Int32] = []
    /// Term frequency per field, `SearchField.allCases.count` per document.
    public var frequencies: [UInt16] = []
    /// Positions per document: `positions[positionStarts[i] ..< positionStarts[i + 1]]`.
    public var positionStarts: [Int32] = [0]
    public var positions: [Int32] = []
    /// Score per document: the sum over fields of weight × BM25.
    public var scores: [Double] = []

    public var count: Int { documents.count }

    public func frequency(_ posting: Int, _ field: SearchField) -> Int {
        Int(frequencies[posting * SearchField.allCases.count + field.rawValue])
    }

    public func positions(of posting: Int) -> ArraySlice<Int32> {
        positions[Int(positionStarts[posting])..<Int(positionStarts[posting + 1])]
    }

    /// Where `document` is, or would be inserted (documents are ascending).
    func place(of document: Int32) -> (index: Int, found: Bool) {
        var low = 0
        var high = documents.count
        while low < high {
            let middle = (low + high) / 2
            if documents[middle] < document { low = middle + 1 } else { high = middle }
        }
        return (low, low < documents.count && documents[low] == document)
    }

    /// Removes `document`'s posting, if it has one.
    mutating func remove(document: Int32) {
        let (p, found) = place(of: document)
        guard found else { return }
        let fieldCount = SearchField.allCases.count
        let start = Int(positionStarts[p])
        let end = Int(positionStarts[p + 1])
        documents.remove(at: p)
        scores.remove(at: p)
        frequencies.removeSubrange(p * fieldCount..<(p + 1) * fieldCount)
        positions.removeSubrange(start..<end)
        positionStarts.remove(at: p + 1)
        let removed = Int32(end - start)
        for i in (p + 1)..<positionStarts.count { positionStarts[i] -= removed }
    }

    /// Inserts a posting for `document` at `p`, where it belongs; its score is to be worked out.
    mutating func insert(document: Int32, at p: Int, frequencies added: ArraySlice<UInt16>, positions places: ArraySlice<Int32>) {
        let fieldCount = SearchField.allCases.count
        let start = Int(positionStarts[p])
        documents.insert(document, at: p)
        scores.insert(0, at: p)
        frequencies.insert(contentsOf: added, at: p * fieldCount)
        positions.insert(contentsOf: places, at: start)
        positionStarts.insert(Int32(start), at: p)
        for i in (p + 1)..<positionStarts.count { positionStarts[i] += Int32(places.count) }
    }

    /// Replaces posting `p`'s frequencies and positions in place (its score is to be worked out):
    /// the positions after it move only if their number changed.
    mutating func replace(at p: Int, frequencies new: ArraySlice<UInt16>, positions places: ArraySlice<Int32>) {
        let fieldCount = SearchField.allCases.count
        frequencies.replaceSubrange(p * fieldCount..<(p + 1) * fieldCount, with: new)
        let start = Int(positionStarts[p])
        let end = Int(positionStarts[p + 1])
        positions.replaceSubrange(start..<end, with: places)
        let moved = Int32(places.count - (end - start))
        if moved != 0 {
            for i in (p + 1)..<positionStarts.count { positionStarts[i] += moved }
        }
    }
}

extension String {
    /// Orders strings as JavaScript does (by UTF-16 code units), so the browser can binary-search.
    static func utf16Less(_ a: String, _ b: String) -> Bool {
        a.utf16.lexicographicallyPrecedes(b.utf16)
    }
}
