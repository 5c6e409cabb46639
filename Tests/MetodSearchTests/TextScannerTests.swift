import Foundation
import Testing
@testable import MetodSearch

@Suite struct TextScannerTests {
    func parts(_ text: String) -> [[String]] {
        TextScanner.words(in: text).map(\.parts)
    }

    @Test func lowerCasesAndWritesYoAsYe() {
        #expect(parts("Учёба ЁЛКА Школа") == [["учеба"], ["елка"], ["школа"]])
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
