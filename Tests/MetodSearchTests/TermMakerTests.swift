import Foundation
import MetodCore
import Testing
@testable import MetodSearch

@Suite struct TermMakerTests {
    static let rules = TermRules(abbreviations: ["иом", "кпк", "гиа", "фгос", "шнор"])

    @Test(arguments: [
        ("наставники", "наставник"),
        ("наставника", "наставник"),
        ("наставничества", "наставничеств"),
        ("педагогические", "педагогическ"),
        ("учёба", "учеб"),
        ("иом", "иом"),  // an abbreviation of the bank: whole, not cut to «и»
        ("кпк", "кпк"),
        ("фгос", "фгос"),
        ("2024", "2024"),  // numbers are kept as written
        ("039", "039"),
        ("7б", "7б"),  // so are letters mixed with digits
        ("running", "run"),  // Latin words: Snowball English
        ("mentoring", "mentor"),
        ("ωμέγα", "ωμέγα"),  // other scripts: whole
    ])
    func termOfAWord(_ word: String, _ term: String) {
        #expect(TermMaker(rules: Self.rules).term(forPart: word) == term)
    }

    @Test(arguments: ["и", "в", "для", "которые", "the", "of", "5", "я", "ё"])
    func stopWordsSingleLettersAndDigitsAreDropped(_ word: String) {
        #expect(TermMaker(rules: Self.rules).term(forPart: word) == nil)
    }

    @Test func withoutTheAbbreviationSnowballWouldCutIt() {
        #expect(Stemmer(.russian).stem("иом") == "и")
        #expect(TermMaker(rules: TermRules()).term(forPart: "иом") == "и")
    }

    @Test func compoundsGiveTheWholeAndTheParts() {
        let maker = TermMaker(rules: Self.rules)
        #expect(maker.terms(in: "психолого-педагогическое сопровождение") == ["психол-педагогическ", "психол", "педагогическ", "сопровожден"])
        #expect(maker.terms(in: "учитель–ученик") == ["учител-ученик", "учител", "ученик"])
        // One part left: no whole term.
        #expect(maker.terms(in: "ИОМ-а 112-о из-за") == ["иом", "112"])
    }

    @Test(arguments: [
        ("иом", 9, 10, true),
        ("иом", 5, 10, false),  // half is not a majority
        ("школа", 1, 40, false),  // one shouted heading
        ("а", 3, 3, false),  // too short
        ("абвгдеёжз", 5, 5, false),  // too long for an abbreviation
    ])
    func abbreviationsAreShortWordsMostlyInCapitals(_ word: String, _ capitals: Int, _ total: Int, _ expected: Bool) {
        #expect(TermRules.isAbbreviation(word: word, capitals: capitals, total: total) == expected)
    }

    @Test func stemmersOnSeveralThreadsAgreeWithOneThread() {
        let words = (0..<4000).map { "наставник\(["а", "ами", "ов", "ом", "ничества", "ничество", "ливая"][$0 % 7])\($0 % 3 == 0 ? "" : "ся")" }
        let single = Stemmer(.russian)
        let expected = words.map(single.stem)
        let chunks = stride(from: 0, to: words.count, by: 500).map { Array(words[$0..<min($0 + 500, words.count)]) }
        let parallel = chunks.parallelMap { chunk in
            let stemmer = Stemmer(.russian)
            return chunk.map(stemmer.stem)
        }.flatMap { $0 }
        #expect(parallel == expected)
    }
}
