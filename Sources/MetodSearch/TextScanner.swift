import Foundation

/// A word as the scanner found it: its parts (one for a plain word, several for a hyphenated
/// compound), each lower-cased with «ё» made «е».
public struct ScannedWord: Sendable, Hashable {
    public var parts: [String]
    /// Per part: written entirely in capitals (at least two letters, no lower-case letter).
    public var capitals: [Bool]
}

/// Splits text into words. These rules are mirrored, character for character, by
/// `tokenize` in `themes/default/assets/js/search-core.js`; change both or neither.
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
        let source = needsNormalization(text) ? text.precomposedStringWithCanonicalMapping : text
        var part = String.UnicodeScalarView()
        var parts: [String] = []
        var capitals: [Bool] = []
        var partIsCaps = true
        var partLetters = 0
        var pendingHyphen = false
        var lastWasBreak = true

        func finishPart() {
            let (lower, caps) = normalizePart(part, capitalsSoFar: partIsCaps && partLetters >= 2)
            parts.append(lower)
            capitals.append(caps)
            part = String.UnicodeScalarView()
            partIsCaps = true
            partLetters = 0
        }
        func flush() {
            guard !part.isEmpty else { return }
            finishPart()
            visit(.word(ScannedWord(parts: parts, capitals: capitals)))
            parts.removeAll(keepingCapacity: true)
            capitals.removeAll(keepingCapacity: true)
            lastWasBreak = false
        }

        for scalar in source.unicodeScalars {
            let value = scalar.value
            if value == 0x301 || value == 0xAD { continue }
            let kind = classify(scalar)
            if kind != .separator {
                if pendingHyphen {
                    finishPart()
                    pendingHyphen = false
                }
                part.append(scalar)
                switch kind {
                case .upper: partLetters += 1
                case .lower, .digit: partIsCaps = false
                case .otherLetter:
                    partLetters += 1
                    if !scalar.properties.isUppercase { partIsCaps = false }
                default: break
                }
                continue
            }
            if isHyphen(value), !part.isEmpty, !pendingHyphen {
                pendingHyphen = true
                continue
            }
            pendingHyphen = false
            flush()
            if value == 0x0A, !lastWasBreak {
                visit(.blockBreak)
                lastWasBreak = true
            }
        }
        flush()
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

    /// NFC changes nothing in text made only of these ranges, which is almost all Russian text.
    static func needsNormalization(_ text: String) -> Bool {
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0...0x2FF, 0x400...0x4FF, 0x2002...0x20FF, 0x2116: continue
            default: return true
            }
        }
        return false
    }

    /// Lower case with «ё» → «е»; a fast path for ASCII and the Russian alphabet.
    static func normalizePart(_ part: String.UnicodeScalarView, capitalsSoFar: Bool) -> (String, Bool) {
        var out = String.UnicodeScalarView()
        var simple = true
        for scalar in part {
            let value = scalar.value
            switch value {
            case 0x41...0x5A, 0x410...0x42F: out.append(Unicode.Scalar(value + 0x20)!)
            case 0x401, 0x451: out.append("е")
            case 0x61...0x7A, 0x430...0x44F, 0x30...0x39: out.append(scalar)
            default: simple = false
            }
            if !simple { break }
        }
        if simple { return (String(out), capitalsSoFar) }
        var lower = String(part).lowercased()
        if lower.contains("ё") { lower = lower.replacingOccurrences(of: "ё", with: "е") }
        return (lower, capitalsSoFar)
    }
}
