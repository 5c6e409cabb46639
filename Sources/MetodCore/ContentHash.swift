import Foundation

/// A hash of all of a file's bytes (`Data.hashValue` looks only at the first 80), for telling
/// within one process whether a file changed.
public enum ContentHash {
    public static func of(_ data: Data) -> Int {
        var hasher = Hasher()
        hasher.combine(data.count)
        data.withUnsafeBytes { hasher.combine(bytes: $0) }
        return hasher.finalize()
    }
}

extension Hasher {
    /// Hashes a string's UTF-8 bytes. `combine(String)` normalises Cyrillic text to compare it
    /// by canonical equivalence, which is far slower; for telling whether a file's text changed,
    /// the bytes are what matter.
    public mutating func combineText(_ text: String) {
        combine(text.utf8.count)
        var text = text
        text.withUTF8 { combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// A hasher fed one hash for each of `0..<count`, each made by `part` on all cores: for the
    /// keys serve works out over every document on every rebuild. More may be combined after.
    public static func ofParts(_ count: Int, _ part: @Sendable (Int, inout Hasher) -> Void) -> Hasher {
        let parts = (0..<count).parallelMap { i -> Int in
            var hasher = Hasher()
            part(i, &hasher)
            return hasher.finalize()
        }
        var hasher = Hasher()
        for hash in parts { hasher.combine(hash) }
        return hasher
    }
}
