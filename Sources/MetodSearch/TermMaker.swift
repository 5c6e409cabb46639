/// What the index and the browser share to turn words into terms: the stop words and the
/// bank's abbreviations. Both travel inside the index.
public struct TermRules: Sendable {
    public var stopWords: Set<String>
    /// Lower-case words the bank writes in capitals (ИОМ, КПК, ФГОС): kept whole, never stemmed.
    public var abbreviations: Set<String>

    public init(stopWords: Set<String> = StopWords.all, abbreviations: Set<String> = []) {
        self.stopWords = stopWords
        self.abbreviations = abbreviations
    }

    /// Which words count as abbreviations: 2–8 letters, written in capitals in more than half of
    /// their occurrences. «ИОМ» qualifies; «ШКОЛА» in one shouted heading does not.
    public static func isAbbreviation(word: String, capitals: Int, total: Int) -> Bool {
        let count = word.unicodeScalars.count
        return (2...8).contains(count) && capitals * 2 > total
    }
}

/// Turns the parts of a scanned word into index terms. Holds its own stemmers, so make one per
/// thread. The rules are mirrored by `termOf` in `search-core.js`:
///
/// 1. A part of one character is dropped.
/// 2. A number (decimal digits only) is kept as written: years, school and order numbers.
/// 3. An abbreviation of the bank is kept whole.
/// 4. A stop word is dropped.
/// 5. A part mixing digits and letters («7б», «5g») is kept whole.
/// 6. A part with a Cyrillic letter is stemmed by Snowball's Russian algorithm.
/// 7. A part of Latin letters only is stemmed by Snowball's English algorithm.
/// 8. Anything else (other scripts) is kept whole.
///
/// A compound gives its parts' terms and, when at least two parts give one, the whole:
/// those terms joined by `-` («психолог-педагогическ»).
public final class TermMaker {
    public let rules: TermRules
    private let russian = Stemmer(.russian)
    private let english = Stemmer(.english)

    public init(rules: TermRules) {
        self.rules = rules
    }

    /// The term of one (normalised) part, or `nil` when it is dropped.
    public func term(forPart part: String) -> String? {
        switch Self.kind(of: part) {
        case .tooShort: return nil
        case .number: return part
        case let kind:
            if rules.abbreviations.contains(part) { return part }
            if rules.stopWords.contains(part) { return nil }
            switch kind {
            case .cyrillic: return russian.stem(part)
            case .latin: return english.stem(part)
            default: return part
            }
        }
    }

    /// The terms of each part (nil where dropped) and the compound's whole term, if any.
    public func terms(for word: ScannedWord) -> (parts: [String?], whole: String?) {
        let parts = word.parts.map(term(forPart:))
        guard parts.count > 1 else { return (parts, nil) }
        let kept = parts.compactMap { $0 }
        return (parts, kept.count >= 2 ? kept.joined(separator: "-") : nil)
    }

    /// Every term of `text` in order: for a compound its whole term, then its parts' terms.
    public func terms(in text: String) -> [String] {
        var out: [String] = []
        for word in TextScanner.words(in: text) {
            let (parts, whole) = terms(for: word)
            if let whole { out.append(whole) }
            out += parts.compactMap { $0 }
        }
        return out
    }

    enum PartKind { case tooShort, number, mixed, cyrillic, latin, other }

    static func kind(of part: String) -> PartKind {
        var count = 0
        var digits = 0
        var cyrillic = false
        var latin = true
        for scalar in part.unicodeScalars {
            count += 1
            let value = scalar.value
            switch value {
            case 0x30...0x39:
                digits += 1
                latin = false
            case 0x61...0x7A, 0xDF...0xF6, 0xF8...0x24F, 0x1E00...0x1EFF:
                break
            case 0x400...0x52F:
                cyrillic = true
                latin = false
            default:
                latin = false
                if scalar.properties.generalCategory == .decimalNumber { digits += 1 }
            }
        }
        if count < 2 { return .tooShort }
        if digits == count { return .number }
        if digits > 0 { return .mixed }
        if cyrillic { return .cyrillic }
        if latin { return .latin }
        return .other
    }
}
