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
}
