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
    public let averageFieldLengths: [Double]
    /// serve's cache, and the text hash of each document (empty without a cache).
    let cache: SearchIndexCache?
    let textHashes: [Int]

    /// BM25 saturation.
    public static let k1 = 1.2
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
}

extension String {
    /// Orders strings as JavaScript does (by UTF-16 code units), so the browser can binary-search.
    static func utf16Less(_ a: String, _ b: String) -> Bool {
        a.utf16.lexicographicallyPrecedes(b.utf16)
    }
}
