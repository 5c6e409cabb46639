import Foundation
import MetodCore
import Testing
@testable import MetodContent

@Suite struct FrontMatterTests {
    @Test func bodyStartsOnTheLineAfterTheClosingFence() throws {
        let split = try FrontMatter.split("---\ntitle: А\nsummary: Б\n---\nТекст\n").get()
        #expect(split.yaml == "title: А\nsummary: Б")
        #expect(split.bodyFirstLine == 5)
        #expect(split.body == "Текст\n")
    }

    @Test func byteOrderMarkAndCRLFAreAccepted() throws {
        let split = try FrontMatter.split("\u{FEFF}---\r\ntitle: А\r\n---\r\nТекст").get()
        #expect(split.yaml == "title: А")
        #expect(split.body == "Текст")
    }

    @Test(arguments: [
        ("--- \t\ntitle: А\n---\t\nТекст\n", "title: А", "Текст\n", 4),
        ("---\ntitle: А\n...\n", "title: А", "", 4),
        ("---\n---\nТекст", "", "Текст", 3),
        ("---\ntitle: А\n----\n-- -\n---x\n---", "title: А\n----\n-- -\n---x", "", 7),
        ("---\nsummary: «Ёлка» — 2024\n---\n\u{301}Ударение", "summary: «Ёлка» — 2024", "\u{301}Ударение", 4),
    ])
    func fencesAreLinesOfThreeDashesOrDots(_ text: String, _ yaml: String, _ body: String, _ bodyLine: Int) throws {
        let split = try FrontMatter.split(text).get()
        #expect(split.yaml == yaml)
        #expect(split.body == body)
        #expect(split.bodyFirstLine == bodyLine)
    }

    @Test(arguments: [
        ("", FrontMatter.Problem.empty),
        ("  \n\n", .empty),
        ("# Заголовок\n", .missingOpening),
        ("---\ntitle: А\n", .unclosed),
        ("---", .unclosed),
        ("----\ntitle: А\n---\n", .missingOpening),
    ])
    func problemsAreNamed(_ text: String, _ problem: FrontMatter.Problem) {
        #expect(throws: problem) { try FrontMatter.split(text).get() }
    }
}

@Suite struct ContentPathTests {
    @Test func relativePathsAreResolvedAgainstTheDocument() {
        let source = ContentPath("content/practices/a.md")
        #expect(ContentPathResolver.normalize("../files/plan.docx", from: source) == ContentPath("content/files/plan.docx"))
        #expect(ContentPathResolver.normalize("./b.md", from: source) == ContentPath("content/practices/b.md"))
        #expect(ContentPathResolver.normalize("../../../etc/passwd", from: source) == nil)
        #expect(ContentPathResolver.normalize("../../metodbank.yml", from: source) == ContentPath("metodbank.yml"))
    }

    @Test func mentoringFormAcceptsHyphensAndDashes() {
        #expect(Mentoring.normalizeForm("учитель - учитель") == "учитель–учитель")
        #expect(Mentoring.normalizeForm("школа — школе") == "школа–школе")
        #expect(Mentoring.normalizeForm("педагог-молодой специалист") == "педагог–молодой специалист")
    }

    @Test func datesAreValidated() {
        #expect(DocumentDate("2024-02-29")?.russian == "29 февраля 2024 г.")
        #expect(DocumentDate("2024-02-09")?.description == "2024-02-09")
        #expect(DocumentDate(year: 987, month: 11, day: 30)?.description == "0987-11-30")
        #expect(DocumentDate("2023-02-29") == nil)
        #expect(DocumentDate("2024-9-1") == nil)
    }
}

@Suite struct FieldTests {
    private func decode(_ frontMatter: String) -> (Document?, [String]) {
        let bag = DiagnosticBag()
        let root = FilePath(FileManager.default.temporaryDirectory.path)
        let document = DocumentDecoder(siteRoot: root, source: ContentPath("content/practices/a.md")).decode("---\n\(frontMatter)---\nТекст\n", bag: bag)
        return (document, bag.items.map(\.description))
    }

    @Test func aRepeatedFieldIsAnError() {
        let (document, messages) = decode("id: a\ntitle: Первое\nsummary: Кратко\ntitle: Второе\n")
        #expect(document == nil)
        #expect(messages == ["content/practices/a.md:3:1: error: ошибка синтаксиса YAML: поле «title» указано дважды"])
    }

    @Test(arguments: ["summary: ~", "summary: null", "summary: Null", "summary: NULL", "summary:", "summary: \"\""])
    func anEmptyValueIsNoValue(_ line: String) {
        #expect(decode("id: a\ntitle: Практика\n\(line)\n").0?.summary == nil)
    }

    @Test(arguments: [("summary: \"null\"", "null"), ("summary: nullа", "nullа"), ("summary: ~ничего", "~ничего"), ("summary: нуль", "нуль")])
    func aQuotedOrLongerValueIsText(_ line: String, _ text: String) {
        #expect(decode("id: a\ntitle: Практика\n\(line)\n").0?.summary == text)
    }
}

@Suite struct PersonalDataTests {
    /// The line is looked at closely wherever in it the number or «@» starts: the scan skips
    /// eight bytes at a time.
    @Test func aNumberOrAtSignIsFoundAtAnyOffset() {
        for padding in 0..<17 {
            let prefix = String(repeating: "ж", count: padding / 2) + String(repeating: "x", count: padding % 2)
            for (tail, expected) in [("+7 (912) 345-67-89", true), ("8-912-345-67-8", false), ("a@b.ru", true), ("123 45 ю 678 90 12", false)] {
                let line = prefix + "Тел. " + tail + " — звонить после уроков"
                let found = line.utf8.withContiguousStorageIfAvailable { PersonalData.mayHoldPersonalData($0) }
                #expect(found == expected, "\(line)")
            }
        }
    }
}

@Suite struct DueDateTests {
    @Test(arguments: [
        ("до 1 октября 2020", "2020-10-31"),
        ("январь–март 2017", "2017-03-31"),
        ("4 квартал 2022", "2022-12-31"),
        ("2 квартал 2024", "2024-06-30"),
        ("II квартал 2024", "2024-12-31"),
        ("2021–2022 годы", "2022-12-31"),
        ("Май 2025", "2025-05-31"),
        ("ДЕКАБРЬ 2024", "2024-12-31"),
        ("до 15 мая 2026 года", "2026-05-31"),
        ("ма\u{438}\u{306} 2021", "2021-05-31"),  // «й» typed as «и» and a combining breve
        ("мая\u{301} 2021", "2021-12-31"),  // a stress mark makes «я́», which is no «я»
        ("2 кварта\u{301}л 2024", "2024-12-31"),
        ("ежегодно", nil),
        ("сентябрь", nil),
    ] as [(String, String?)])
    func theLastDayADueDateNamesIsRead(_ text: String, _ end: String?) {
        #expect(DueDate.end(of: text)?.description == end)
    }
}
