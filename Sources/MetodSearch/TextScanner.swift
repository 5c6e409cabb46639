import Foundation

/// A word as the scanner found it: its parts (one for a plain word, several for a hyphenated
/// compound), each lower-cased with «ё» made «е».
public struct ScannedWord: Sendable, Hashable {
    public var parts: [String]
    /// Per part: written entirely in capitals (at least two letters, no lower-case letter).
    public var capitals: [Bool]
}

/// Splits text into words. These rules are mirrored, character for character, by
/// `scanWords` in `themes/default/assets/js/search-core.js`; change both or neither.
///
/// 1. The text is put in Unicode NFC; stress marks (U+0301) and soft hyphens (U+00AD) are deleted.
/// 2. A word is a run of letters (Unicode L*), decimal digits (Nd) and combining marks (M*).
///    Everything else separates words.
/// 3. Words joined by one hyphen (`-`, U+2010, U+2011) or en dash (U+2013) with no space around
///    it form a compound: «психолого-педагогический», «учитель–ученик», «2023-2024».
/// 4. Each part is lower-cased (full Unicode mapping) and «ё» becomes «е».
public enum TextScanner {
    public enum Event {
        case word(ScannedWord)
        /// A line break in the text: phrases never match across it.
        case blockBreak
    }

    /// Calls `visit` for every word and line break of `text`, in order.
    public static func scan(_ text: String, _ visit: (Event) -> Void) {
        scanParts(text, word: { parts, capitals in
            visit(.word(ScannedWord(parts: parts, capitals: capitals)))
        }, blockBreak: { visit(.blockBreak) })
    }

    /// The words of `text` as Strings: `word` gets the parts and their capitals flags.
    static func scanParts(_ text: String, word: ([String], [Bool]) -> Void, blockBreak: () -> Void) {
        var parts: [String] = []
        scanBytes(text, word: { bytes, ends, capitals in
            parts.removeAll(keepingCapacity: true)
            var start = 0
            for end in ends {
                parts.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
                start = end
            }
            word(parts, Array(capitals))
        }, blockBreak: blockBreak)
    }

    /// The scanner itself, over UTF-8 bytes: the index scans every word of the bank through
    /// here. `word` gets the word's normalised parts back to back in one buffer, where each part
    /// ends (`ends`) and whether it was written in capitals; the buffers are reused afterwards.
    static func scanBytes(
        _ text: String, word: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<Int>, UnsafeBufferPointer<Bool>) -> Void,
        blockBreak: () -> Void
    ) {
        var source = needsNormalization(text) ? text.precomposedStringWithCanonicalMapping : text
        source.makeContiguousUTF8()
        withoutActuallyEscaping(word) { word in
            withoutActuallyEscaping(blockBreak) { blockBreak in
                _ = source.utf8.withContiguousStorageIfAvailable { bytes in
                    var scanner = ByteScanner(word: word, blockBreak: blockBreak)
                    defer { scanner.free() }
                    scanner.run(bytes)
                }
            }
        }
    }

    /// The state of one scan: the word being read (parts already lower-cased, as UTF-8).
    private struct ByteScanner {
        let word: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<Int>, UnsafeBufferPointer<Bool>) -> Void
        let blockBreak: () -> Void
        var buffer = WordBuffer<UInt8>(capacity: 128)
        var partStart = 0
        /// The part holds letters the fast path does not lower-case (outside ASCII and Russian).
        var partNeedsLowercasing = false
        var partIsCaps = true
        var partLetters = 0
        /// Per part of the word: where it ends in `buffer`, and whether it is in capitals.
        var ends = WordBuffer<Int>(capacity: 8)
        var capitals = WordBuffer<Bool>(capacity: 8)
        var pendingHyphen = false
        var lastWasBreak = true

        init(
            word: @escaping (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<Int>, UnsafeBufferPointer<Bool>) -> Void,
            blockBreak: @escaping () -> Void
        ) {
            self.word = word
            self.blockBreak = blockBreak
        }

        func free() {
            buffer.free()
            ends.free()
            capitals.free()
        }

        var partIsEmpty: Bool { buffer.count == partStart }

        mutating func run(_ bytes: UnsafeBufferPointer<UInt8>) {
            var i = 0
            let count = bytes.count
            while i < count {
                // ASCII letters and digits and the Russian alphabet, almost every character of
                // the bank, go straight into the word; the rest takes the general path below.
                let lead = bytes[i]
                switch lead {
                case 0x61...0x7A, 0x30...0x39:
                    startLetter()
                    buffer.append(lead)
                    counted(isUpper: false)
                    i += 1
                    continue
                case 0x41...0x5A:
                    startLetter()
                    buffer.append(lead + 0x20)
                    counted(isUpper: true)
                    i += 1
                    continue
                case 0xD0...0xD1 where i + 1 < count:
                    if let letter = TextScanner.russianLetter(UInt32(lead & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)) {
                        startLetter()
                        appendCyrillic(letter.lower)
                        counted(isUpper: letter.isUpper)
                        i += 2
                        continue
                    }
                default: break
                }
                let b0 = UInt32(bytes[i])
                let value: UInt32
                let length: Int
                if b0 < 0x80 {
                    value = b0
                    length = 1
                } else if b0 < 0xE0 {
                    value = (b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
                    length = 2
                } else if b0 < 0xF0 {
                    value = (b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                    length = 3
                } else {
                    value = (b0 & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6
                        | UInt32(bytes[i + 3] & 0x3F)
                    length = 4
                }
                defer { i += length }
                if value == 0x301 || value == 0xAD { continue }
                let scalar = Unicode.Scalar(value)!
                let kind = classify(scalar)
                if kind != .separator {
                    startLetter()
                    // Outside ASCII and Russian: kept as written, lower-cased when the part ends.
                    partNeedsLowercasing = true
                    buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<(i + length)]))
                    switch kind {
                    case .upper: counted(isUpper: true)
                    case .lower, .digit: counted(isUpper: false)
                    case .otherLetter:
                        partLetters += 1
                        if !scalar.properties.isUppercase { partIsCaps = false }
                    default: break
                    }
                    continue
                }
                if isHyphen(value), !partIsEmpty, !pendingHyphen {
                    pendingHyphen = true
                    continue
                }
                pendingHyphen = false
                flush()
                if value == 0x0A, !lastWasBreak {
                    blockBreak()
                    lastWasBreak = true
                }
            }
            flush()
        }

        /// A letter or digit follows: a pending hyphen joins the word read so far to it.
        @inline(__always)
        mutating func startLetter() {
            if pendingHyphen {
                finishPart()
                pendingHyphen = false
            }
        }

        /// A letter or digit read into the part: a capital counts towards an abbreviation
        /// (`partLetters`), anything else rules it out (`partIsCaps`).
        @inline(__always)
        mutating func counted(isUpper: Bool) {
            if isUpper { partLetters += 1 } else { partIsCaps = false }
        }

        /// A Cyrillic letter of U+0400–U+04FF, as UTF-8.
        @inline(__always)
        mutating func appendCyrillic(_ value: UInt32) {
            buffer.append(UInt8(0xC0 | (value >> 6)))
            buffer.append(UInt8(0x80 | (value & 0x3F)))
        }

        mutating func finishPart() {
            if partNeedsLowercasing {
                var text = String(decoding: UnsafeBufferPointer(rebasing: buffer.bytes[partStart...]), as: UTF8.self).lowercased()
                if text.contains("ё") { text = text.replacingOccurrences(of: "ё", with: "е") }
                buffer.count = partStart
                text.withUTF8 { buffer.append(contentsOf: $0) }
            }
            ends.append(buffer.count)
            capitals.append(partIsCaps && partLetters >= 2)
            partStart = buffer.count
            partNeedsLowercasing = false
            partIsCaps = true
            partLetters = 0
        }

        mutating func flush() {
            guard !partIsEmpty else { return }
            finishPart()
            word(buffer.bytes, ends.bytes, capitals.bytes)
            buffer.count = 0
            ends.count = 0
            capitals.count = 0
            partStart = 0
            lastWasBreak = false
        }
    }

    /// The bytes of the word being read (and where its parts end): a letter is stored and
    /// counted, without the checks an array makes on every append (the index appends every
    /// letter of the bank).
    private struct WordBuffer<Element> {
        private var base: UnsafeMutablePointer<Element>
        private var capacity: Int
        var count = 0

        init(capacity: Int) {
            base = .allocate(capacity: capacity)
            self.capacity = capacity
        }

        var bytes: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }

        @inline(__always)
        mutating func append(_ byte: Element) {
            if count == capacity { grow(to: count + 1) }
            base[count] = byte
            count += 1
        }

        mutating func append(contentsOf bytes: UnsafeBufferPointer<Element>) {
            if count + bytes.count > capacity { grow(to: count + bytes.count) }
            guard let source = bytes.baseAddress else { return }
            (base + count).update(from: source, count: bytes.count)
            count += bytes.count
        }

        private mutating func grow(to minimum: Int) {
            capacity = Swift.max(capacity * 2, minimum)
            let larger = UnsafeMutablePointer<Element>.allocate(capacity: capacity)
            larger.update(from: base, count: count)
            base.deallocate()
            base = larger
        }

        func free() { base.deallocate() }
    }

    /// `text` in NFC, as the scanner reads it (the browser finds words at the same offsets).
    public static func normalized(_ text: String) -> String {
        needsNormalization(text) ? text.precomposedStringWithCanonicalMapping : text
    }

    /// The words of `text` without line breaks (for queries and tests).
    public static func words(in text: String) -> [ScannedWord] {
        var words: [ScannedWord] = []
        scan(text) { event in
            if case .word(let word) = event { words.append(word) }
        }
        return words
    }

    /// A letter of the Russian alphabet (U+0410–U+044F, Ё, ё) lower-cased, «ё» as «е», and
    /// whether it was a capital; nil for any other scalar.
    @inline(__always)
    static func russianLetter(_ value: UInt32) -> (lower: UInt32, isUpper: Bool)? {
        switch value {
        case 0x430...0x44F: (value, false)
        case 0x410...0x42F: (value + 0x20, true)
        case 0x401: (0x435, true)
        case 0x451: (0x435, false)
        default: nil
        }
    }

    enum Kind { case separator, upper, lower, digit, otherLetter, mark }

    @inline(__always)
    static func classify(_ scalar: Unicode.Scalar) -> Kind {
        switch scalar.value {
        case 0x61...0x7A, 0x430...0x44F, 0x451: return .lower
        case 0x41...0x5A, 0x410...0x42F, 0x401: return .upper
        case 0x30...0x39: return .digit
        case 0...0x7F: return .separator
        default: break
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .titlecaseLetter: return .upper
        case .lowercaseLetter: return .lower
        case .modifierLetter, .otherLetter: return .otherLetter
        case .decimalNumber: return .digit
        case .nonspacingMark, .spacingMark, .enclosingMark: return .mark
        default: return .separator
        }
    }

    @inline(__always)
    static func isHyphen(_ value: UInt32) -> Bool {
        value == 0x2D || value == 0x2010 || value == 0x2011 || value == 0x2013
    }

    /// NFC changes nothing in text made only of U+0000–02FF, U+0400–04FF (Cyrillic), U+2002–20CF
    /// (spaces, dashes, quotes, currency) and U+2116 (№), which is almost all Russian text; U+20D0
    /// onwards are combining marks NFC may reorder. Read on the UTF-8 bytes: by the lead byte, and
    /// for U+2xxx by the next two.
    ///
    /// Only lead bytes decide, so the text is read eight bytes at a time: a word whose lead bytes
    /// are all Cyrillic (D0–D3), or which has none (ASCII and continuation bytes), is passed at
    /// once, any other byte by byte (the index reads every document's text through here twice).
    static func needsNormalization(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return false }
            let raw = UnsafeRawPointer(base)
            let high: UInt64 = 0x8080_8080_8080_8080
            var i = 0
            while i < bytes.count {
                if i + 8 <= bytes.count {
                    let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                    // The high bit of each byte of 0b11xxxxxx (a lead byte), and of each 0b110100xx
                    // (D0–D3: `t` is zero there, found by the carry-free zero-byte test).
                    let lead = word & (word << 1) & high
                    let t = (word & 0xFCFC_FCFC_FCFC_FCFC) ^ 0xD0D0_D0D0_D0D0_D0D0
                    let cyrillic = ~(((t & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | t) & high
                    if lead & ~cyrillic == 0 {
                        i += 8
                        continue
                    }
                }
                let end = Swift.min(i + 8, bytes.count)
                while i < end {
                    switch bytes[i] {
                    case 0..<0xC0, 0xC2...0xCB, 0xD0...0xD3: i += 1  // ASCII, a continuation, or a lead of U+0080–02FF, U+0400–04FF
                    case 0xE2 where i + 2 < bytes.count:
                        let (second, third) = (bytes[i + 1], bytes[i + 2])
                        guard (second == 0x80 && third >= 0x82) || second == 0x81 || second == 0x82 || (second == 0x83 && third < 0x90)
                                || (second == 0x84 && third == 0x96)
                        else { return true }
                        i += 3
                    default: return true
                    }
                }
            }
            return false
        }
    }
}
