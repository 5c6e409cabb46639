import Foundation

extension UnsafeBufferPointer where Element == UInt8 {
    /// Where the first `byte` at or after `start` is, found with `memchr` (much faster than a
    /// loop over the bytes on long texts).
    public func firstIndex(of byte: UInt8, from start: Int) -> Int? {
        guard let base = baseAddress, start < count, let found = memchr(base + start, Int32(byte), count - start) else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }
}
