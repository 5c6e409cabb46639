/// Russian → Latin transliteration for ids, file names and heading anchors.
///
/// The table is the one of Russian passports and Yandex slugs (ГОСТ Р 52535.1-2006 with
/// «ц» → ts and «х» → kh): «Наставничество в школе» → `nastavnichestvo-v-shkole`.
public enum Transliteration {
    public static let table: [Character: String] = [
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
        "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
        "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
        "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
        "я": "ya",
    ]

    /// A slug of lowercase Latin letters, digits and single hyphens, at most `maxLength` long.
    public static func slug(_ text: String, maxLength: Int = 60) -> String {
        let out = latinOfASCIIAndCyrillic(text) ?? latin(text)
        let parts = out.split(separator: "-", omittingEmptySubsequences: true)
        var slug = ""
        for part in parts {
            let next = slug.isEmpty ? String(part) : slug + "-" + part
            if next.count > maxLength { break }
            slug = next
        }
        if slug.isEmpty, let first = parts.first { slug = String(first.prefix(maxLength)) }
        return slug
    }

    /// Each character lower-cased and transliterated; any other than a Latin letter or digit
    /// becomes «-».
    private static func latin(_ text: String) -> String {
        var out = ""
        for ch in text.lowercased() {
            if let latin = table[ch] {
                out += latin
            } else if ch.isASCII, ch.isLetter || ch.isNumber {
                out.append(ch)
            } else {
                out.append("-")
            }
        }
        return out
    }

    /// `latin(text)` worked out on the UTF-8 bytes, for text of ASCII and U+0400–U+045F only
    /// (headings and titles almost always are); nil for any other text. Such text has no
    /// combining marks, so each scalar is a character of its own.
    private static func latinOfASCIIAndCyrillic(_ text: String) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var bytes = text.utf8.makeIterator()
        while let byte = bytes.next() {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): out.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): out.append(byte + 0x20)
            case 0..<0x80: out.append(UInt8(ascii: "-"))
            case 0xD0, 0xD1:
                guard let next = bytes.next(), next & 0xC0 == 0x80 else { return nil }
                let value = (Int(byte) & 0x1F) << 6 | Int(next & 0x3F)
                switch value {
                case 0x401, 0x451: out.append(UInt8(ascii: "e"))
                case 0x410...0x44F: out.append(contentsOf: russian[(value - 0x410) % 32])
                case 0x400...0x45F: out.append(UInt8(ascii: "-"))
                default: return nil
                }
            default: return nil
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The Latin of а…я (U+0430–U+044F) in alphabetical order, as bytes.
    private static let russian: [[UInt8]] = (0x430...0x44F).map { value in
        Array(table[Character(Unicode.Scalar(value)!)]!.utf8)
    }
}
