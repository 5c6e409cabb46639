import Foundation

extension UnsafeBufferPointer where Element == UInt8 {
    /// Where the first `byte` at or after `start` is, found with `memchr` (much faster than a
    /// loop over the bytes on long texts).
    public func firstIndex(of byte: UInt8, from start: Int) -> Int? {
        guard let base = baseAddress, start < count, let found = memchr(base + start, Int32(byte), count - start) else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// Calls `body` with each line's number (from 1) and the range of its bytes without the
    /// line break, in order, for as long as it returns true. Lines are found with `memchr`; the
    /// bytes after the last line break are a line too, even when there are none.
    public func forEachLine(_ body: (_ number: Int, _ line: Range<Int>) -> Bool) {
        var number = 0
        var start = 0
        while start <= count {
            let end = firstIndex(of: 10, from: start) ?? count
            number += 1
            guard body(number, start..<end) else { return }
            start = end + 1
        }
    }
}
