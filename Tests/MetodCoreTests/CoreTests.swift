import Foundation
import MetodCore
import Testing

@Suite struct TransliterationTests {
    @Test(arguments: [
        ("Наставничество в школе", "nastavnichestvo-v-shkole"),
        ("Щедрый ёж: съезд — «Юность»", "shchedryy-ezh-sezd-yunost"),
        ("ИОМ учителя химии", "iom-uchitelya-khimii"),
        ("Цифровые ресурсы 2024", "tsifrovye-resursy-2024"),
        ("1. Общие положения", "1-obshchie-polozheniya"),
        ("ФГОС-2021 и ШНОР", "fgos-2021-i-shnor"),
        ("ЁЛКИ, ЧАЩА и Ђ-ѐ: Ъ/ь", "elki-chashcha-i"),
        ("Учёт\r\nэкзаменов № 7", "uchet-ekzamenov-7"),
        ("Café — кафе́", "caf-kaf"),
        ("Україна, Ѓ", "ukra-na"),
        ("Ελλάδα и Україна", "i-ukra-na"),
    ])
    func russianTitlesBecomeLatinSlugs(_ title: String, _ slug: String) {
        #expect(Transliteration.slug(title) == slug)
    }

    @Test func slugsStopAtAWordBoundary() {
        let slug = Transliteration.slug("Программа наставничества молодых специалистов общеобразовательной организации", maxLength: 30)
        #expect(slug == "programma-nastavnichestva")
    }
}

@Suite struct PathTests {
    @Test func linksAreRelativeAndNameAFile() {
        let page = SitePath("practices/x.html")
        #expect(page.link(to: SitePath("deficits/y.html")) == "../deficits/y.html")
        #expect(page.link(to: SitePath("index.html")) == "../index.html")
        #expect(SitePath("index.html").link(to: SitePath("practices/index.html"), fragment: "a") == "practices/index.html#a")
    }
}

@Suite struct SuggestionTests {
    @Test func closestIDIsSuggested() {
        let ids = ["otsenivanie-rezultatov", "nastavnichestvo", "iom-matematika"]
        #expect(Suggestion.closest(to: "otsenivanie", in: ids) == "otsenivanie-rezultatov")
        #expect(Suggestion.closest(to: "nastavnichestv", in: ids) == "nastavnichestvo")
        #expect(Suggestion.closest(to: "iom-matematica", in: ids) == "iom-matematika")
        #expect(Suggestion.closest(to: "sovsem-drugoe", in: ids) == nil)
    }
}

@Suite struct TrimmingTests {
    @Test(arguments: [
        ("  Наставничество\t", "Наставничество"),
        ("\u{00A0}ИОМ\u{3000}", "ИОМ"),
        ("\n\r\u{2028}текст\u{2029}\u{0085}", "текст"),
        ("Ёлка", "Ёлка"),
        ("ѐ ѱ", "ѐ ѱ"),
        (" \u{2003} ", ""),
        ("", ""),
    ])
    func whitespaceOfAnyKindIsTrimmed(_ written: String, _ trimmed: String) {
        #expect(written.trimmedWhitespace == trimmed)
    }

    @Test func spacesAreTrimmedButLineBreaksKept() {
        #expect("\u{00A0} строка\n\t".trimmedSpaces == "строка\n")
        #expect("\u{2028}абзац ".trimmedSpaces == "\u{2028}абзац")
    }
}

@Suite struct EscapeTests {
    @Test(arguments: [
        ("", ""),
        ("Положение о наставничестве", "Положение о наставничестве"),
        ("<script>alert('x')</script>", "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"),
        ("«Учитель & ученик»", "«Учитель &amp; ученик»"),
        ("title=\"a\"", "title=&quot;a&quot;"),
        ("ИОМ>", "ИОМ&gt;"),
    ])
    func htmlEscapesTheFiveSpecialCharactersAndNothingElse(_ text: String, _ escaped: String) {
        #expect(Escape.html(text) == escaped)
    }

    /// Plain strings are copied whole, the rest escaped one scalar at a time: both give a literal
    /// that is safe inside `<script>` and reads back as the text (as JSON).
    @Test(arguments: [
        ("", #""""#),
        ("k7x2", #""k7x2""#),
        ("../practices/formiruyushchee-otsenivanie.html", #""../practices/formiruyushchee-otsenivanie.html""#),
        ("Положение о наставничестве", #""Положение о наставничестве""#),
        ("«Учитель — ученик»", #""«Учитель — ученик»""#),
        ("</script><b>", #""\u003c/script\u003e\u003cb\u003e""#),
        ("а\u{2028}б\u{2029}", #""а\u2028б\u2029""#),
        ("\"кавычки\" и \\", #""\"кавычки\" и \\""#),
        ("строка\nвторая\r\t", #""строка\nвторая\r\u0009""#),
        ("O'Neil & Co", #""O\u0027Neil \u0026 Co""#),
    ])
    func jsStringIsASafeLiteralOfTheText(_ text: String, _ literal: String) throws {
        #expect(Escape.jsString(text) == literal)
        let decoded = try JSONSerialization.jsonObject(with: Data(literal.utf8), options: .fragmentsAllowed) as? String
        #expect(decoded == text)
    }
}

@Suite struct HashPartsTests {
    /// The parts are hashed on all cores but combined in order: the same as hashing each part
    /// one after another, and a change in any one part changes the whole.
    @Test func partsHashedOnAllCoresCombineInOrder() {
        let words = (0..<5_000).map { "слово \($0)" }
        var expected = Hasher()
        for word in words {
            var part = Hasher()
            part.combineText(word)
            expected.combine(part.finalize())
        }
        #expect(Hasher.ofParts(words.count) { i, hasher in hasher.combineText(words[i]) }.finalize() == expected.finalize())
        let changed = words.indices.map { $0 == 4_321 ? "другое" : words[$0] }
        let whole = Hasher.ofParts(changed.count) { i, hasher in hasher.combineText(changed[i]) }.finalize()
        #expect(whole != Hasher.ofParts(words.count) { i, hasher in hasher.combineText(words[i]) }.finalize())
    }
}
