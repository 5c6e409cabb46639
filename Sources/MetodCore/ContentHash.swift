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
