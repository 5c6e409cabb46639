import Foundation
import Testing
@testable import MetodSearch

@Suite struct TextScannerTests {
    /// The byte test for «needs NFC» agrees with the ranges it stands for, at every edge of them
    /// and on ordinary and unusual text.
    @Test func needsNormalizationReadsTheRangesOnBytes() {
        func reference(_ text: String) -> Bool {
            text.unicodeScalars.contains { scalar in
                switch scalar.value {
                case 0...0x2FF, 0x400...0x4FF, 0x2002...0x20CF, 0x2116: false
                default: true
                }
            }
        }
        let edges: [UInt32] = [0x41, 0x7F, 0x80, 0xE9, 0x2FF, 0x300, 0x301, 0x3FF, 0x400, 0x451, 0x4FF, 0x500,
                               0x2000, 0x2001, 0x2002, 0x2014, 0x203F, 0x2040, 0x20AC, 0x20CF, 0x20D0, 0x20D8, 0x20FF, 0x2100, 0x2115, 0x2116,
                               0x2117, 0x3042, 0xFB01, 0x1F600]
        var samples = ["", "Наставничество в школе — «ИОМ» № 5", "e\u{301}cole", "café", "Ёлка", "ǅ", "ﬁ", "😀", "a\u{20D0}\u{20D8}"]
        samples += edges.map { "ab\(Character(Unicode.Scalar($0)!))cd" }
        samples += edges.map { String(Character(Unicode.Scalar($0)!)) }
        // Long text is read eight bytes at a time: each edge at every place in such a word,
        // after Cyrillic and ASCII text that leaves it at an odd or even byte.
        for edge in edges {
            for length in 0..<40 {
                let before = String("Наставник и a-b наставляемый: план».".prefix(length))
                samples.append("\(before)\(Character(Unicode.Scalar(edge)!)) и ещё текст после, длиннее шестнадцати байт")
            }
        }
        for sample in samples {
            #expect(TextScanner.needsNormalization(sample) == reference(sample), "\(sample.unicodeScalars.map { String($0.value, radix: 16) })")
            #expect(Array(TextScanner.normalized(sample).unicodeScalars) == Array(sample.precomposedStringWithCanonicalMapping.unicodeScalars))
        }
    }

    func parts(_ text: String) -> [[String]] {
        TextScanner.words(in: text).map(\.parts)
    }

    @Test func lowerCasesAndWritesYoAsYe() {
        #expect(parts("Учёба ЁЛКА Школа") == [["учеба"], ["елка"], ["школа"]])
    }

    @Test func wordsLongerThanTheScannersFirstBufferAreWhole() {
        let long = String(repeating: "НАСТАВНИЧЕСТВО", count: 20)  // 560 bytes
        let greek = String(repeating: "ΑΒΓΔ", count: 50)
        #expect(parts("\(long)-\(greek) \(long)") == [[long.lowercased(), greek.lowercased()], [long.lowercased()]])
    }

    @Test func everyRussianAndLatinLetterIsLowerCased() {
        let words = TextScanner.words(in: "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ абвгдеёжзийклмнопрстуфхцчшщъыьэюя ABCXYZ-09 Ѐ-Ђ")
        #expect(words.map(\.parts) == [
            ["абвгдеежзийклмнопрстуфхцчшщъыьэюя"], ["абвгдеежзийклмнопрстуфхцчшщъыьэюя"], ["abcxyz", "09"], ["ѐ", "ђ"],
        ])
        #expect(words.map(\.capitals) == [[true], [false], [true, false], [false, false]])
    }

    @Test(arguments: [
        ("психолого-педагогический", [["психолого", "педагогический"]]),
        ("учитель–ученик", [["учитель", "ученик"]]),  // en dash joins like a hyphen
        ("2023-2024", [["2023", "2024"]]),
        ("школа — школе", [["школа"], ["школе"]]),  // a spaced em dash separates
        ("школа - школе", [["школа"], ["школе"]]),  // so does a spaced hyphen
        ("красно--синий", [["красно"], ["синий"]]),  // a double hyphen is no joint
        ("ИОМ-а", [["иом", "а"]]),
        ("-начало конец-", [["начало"], ["конец"]]),
    ])
    func hyphensJoinWordsOnlyWithoutSpaces(_ text: String, _ expected: [[String]]) {
        #expect(parts(text) == expected)
    }

    @Test func punctuationDigitsAndSymbolsSeparate() {
        #expect(parts("«СОШ № 39», 5–9 классы; т.е. e-mail: a@b.ru (2024)") == [
            ["сош"], ["39"], ["5", "9"], ["классы"], ["т"], ["е"], ["e", "mail"], ["a"], ["b"], ["ru"], ["2024"],
        ])
    }

    @Test func decomposedLettersAreComposedAndStressMarksDropped() {
        // «й» typed as «и» + combining breve, a stress mark, a soft hyphen inside a word.
        #expect(parts("краи\u{306} зна\u{301}ние настав\u{AD}ник") == [["край"], ["знание"], ["наставник"]])
    }

    @Test func capitalsAreNoticedPerPart() {
        let words = TextScanner.words(in: "ИОМ Иом КПК-шник ФГОС НОО Я")
        #expect(words.map(\.capitals) == [[true], [false], [true, false], [true], [true], [false]])
    }

    @Test func lineBreaksAreReportedOnce() {
        var events: [String] = []
        TextScanner.scan("первый\n\nвторой\nтретий") { event in
            switch event {
            case .word(let word): events.append(word.parts.joined())
            case .blockBreak: events.append("|")
            }
        }
        #expect(events == ["первый", "|", "второй", "|", "третий"])
    }

    @Test func otherScriptsAreWordsToo() {
        #expect(parts("Ωμέγα café naïve") == [["ωμέγα"], ["café"], ["naïve"]])
    }
}
