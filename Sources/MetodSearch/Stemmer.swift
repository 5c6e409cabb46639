internal import CStemmer

/// The Snowball algorithms the index uses: Russian for Cyrillic words, English for Latin ones.
public enum StemmerLanguage: String, Sendable, CaseIterable {
    case russian, english
}

/// One libstemmer stemmer; the only place that talks to the C library.
///
/// An `sb_stemmer` keeps its working buffer inside, so an instance must not be shared between
/// threads: make one per task (they are cheap) instead of locking.
public final class Stemmer {
    private let stemmer: OpaquePointer
    public let language: StemmerLanguage

    public init(_ language: StemmerLanguage) {
        guard let stemmer = sb_stemmer_new(language.rawValue, "UTF_8") else {
            preconditionFailure("libstemmer has no UTF-8 stemmer for \(language.rawValue)")
        }
        self.stemmer = stemmer
        self.language = language
    }

    deinit { sb_stemmer_delete(stemmer) }

    /// The stem of a lower-case word; the word itself when libstemmer fails (out of memory).
    public func stem(_ word: String) -> String {
        var utf8 = Array(word.utf8)
        let count = Int32(utf8.count)
        return utf8.withUnsafeMutableBufferPointer { buffer -> String in
            guard let result = sb_stemmer_stem(stemmer, buffer.baseAddress, count) else { return word }
            let length = Int(sb_stemmer_length(stemmer))
            // The result lives in the stemmer's buffer until the next call: copy it now.
            return String(decoding: UnsafeBufferPointer(start: result, count: length), as: UTF8.self)
        }
    }
}
