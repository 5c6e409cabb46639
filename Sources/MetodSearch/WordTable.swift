/// A set of words kept as UTF-8 bytes in one arena, numbered in the order first seen.
///
/// Swift's String hashing normalises non-ASCII text on every lookup; the index looks up every
/// word of the bank, already normalised by the scanner, so it hashes raw bytes instead, eight
/// at a time. The hash is deterministic, though only the slots depend on it: a word's number is
/// the order it was first seen, so the output is the same whatever the hash.
struct WordTable {
    private(set) var bytes: [UInt8] = []
    private var starts: [Int32] = [0]
    private(set) var hashes: [UInt64] = []
    private var slots: [Int32]
    private var mask: Int

    init(capacity: Int = 256) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
        bytes.reserveCapacity(capacity * 12)
        hashes.reserveCapacity(capacity)
    }

    var count: Int { hashes.count }

    /// A read-only copy in arrays of exactly the words' size, without the hash slots: for
    /// keeping a table after it is filled. Only `count`, `hashes` and `withWord` work on it.
    func frozen() -> WordTable {
        var copy = WordTable(capacity: 0)
        copy.bytes = bytes.exactCopy()
        copy.starts = starts.exactCopy()
        copy.hashes = hashes.exactCopy()
        copy.slots = []
        copy.mask = 0
        return copy
    }

    static func hash(_ word: UnsafeBufferPointer<UInt8>) -> UInt64 {
        @inline(__always) func mix(_ hash: UInt64, _ bytes: UInt64) -> UInt64 {
            let product = (hash ^ bytes) &* 0x9FB2_1C65_1E98_DF25
            return product ^ (product >> 29)
        }
        var hash = 0x9E37_79B9_7F4A_7C15 ^ UInt64(word.count)
        guard let base = word.baseAddress else { return hash }
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i + 8 <= word.count {
            hash = mix(hash, UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
            i += 8
        }
        if i < word.count {
            var tail: UInt64 = 0
            for k in i..<word.count { tail |= UInt64(word[k]) << (8 * (k - i)) }
            hash = mix(hash, tail)
        }
        return hash ^ (hash >> 32)
    }

    /// The number of `word`, adding it when new.
    mutating func insert(_ word: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (id: Int32, inserted: Bool) {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let id = slots[slot]
            if id < 0 { break }
            if hashes[Int(id)] == hash, equals(Int(id), word) { return (id, false) }
            slot = (slot + 1) & mask
        }
        let id = Int32(hashes.count)
        slots[slot] = id
        hashes.append(hash)
        bytes.append(contentsOf: word)
        starts.append(Int32(bytes.count))
        if hashes.count * 2 > slots.count { grow() }
        return (id, true)
    }

    mutating func insert(_ word: UnsafeBufferPointer<UInt8>) -> (id: Int32, inserted: Bool) {
        insert(word, hash: Self.hash(word))
    }

    /// The bytes of word `id`.
    func withWord<R>(_ id: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        bytes.withUnsafeBufferPointer { all in
            body(UnsafeBufferPointer(rebasing: all[Int(starts[id])..<Int(starts[id + 1])]))
        }
    }

    func string(_ id: Int) -> String {
        withWord(id) { String(decoding: $0, as: UTF8.self) }
    }

    private func equals(_ id: Int, _ word: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = Int(starts[id])
        let length = Int(starts[id + 1]) - start
        guard length == word.count else { return false }
        return bytes.withUnsafeBufferPointer { all in
            for k in 0..<length where all[start + k] != word[k] { return false }
            return true
        }
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
        for (id, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(id)
        }
    }
}

extension Array {
    /// A copy whose capacity is its count: a grown array keeps up to twice what it holds.
    func exactCopy() -> [Element] {
        [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            initialized = buffer.initialize(from: self).1
        }
    }
}
