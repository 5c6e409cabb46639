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
        ("", FrontMatter.Problem.empty),
        ("  \n\n", .empty),
        ("# Заголовок\n", .missingOpening),
        ("---\ntitle: А\n", .unclosed),
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
