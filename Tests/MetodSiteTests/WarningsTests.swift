import Foundation
@testable import MetodCLI
import MetodCore
import Testing
@testable import MetodContent
@testable import MetodSite

@Suite struct WarningsTests {
    static func check(_ files: [String: String], today: String = "2024-09-01") throws -> [String] {
        let site = try TestSite(files)
        defer { site.remove() }
        var builder = SiteBuilder(siteRoot: site.root)
        builder.today = DocumentDate(today)!
        return builder.check().warnings.map(\.description)
    }

    @Test func documentsNothingLinksToAreReported() throws {
        var files = TestSite.basics
        files["content/practices/a.md"] = "---\ntitle: Одинокая практика\n---\n"
        let warnings = try Self.check(files)
        #expect(warnings.contains("content/practices/a.md:1:1: warning: на документ «Одинокая практика» ничего не ссылается: свяжите его с другими материалами банка (поля deficits, indicators, regulation или ссылки в тексте)"))
    }

    @Test func deficitsNoPracticeAddressesAreReported() throws {
        let warnings = try Self.check(TestSite.basics)
        #expect(warnings.contains { $0.hasPrefix("content/deficits/otsenivanie-rezultatov.md:1:1: warning: дефицит «Затруднения в оценивании результатов» не закрыт ни одной практикой") })
        var files = TestSite.basics
        files["content/practices/a.md"] = "---\ntitle: П\ndeficits: [otsenivanie-rezultatov]\n---\n"
        #expect(try !Self.check(files).contains { $0.contains("не закрыт ни одной практикой") })
    }

    @Test func indicatorsWithoutTargetsAreReported() throws {
        var files = TestSite.basics
        files["content/indicators/bez-tseley.md"] = "---\ntitle: Без целей\nunit: ед.\n---\n"
        #expect(try Self.check(files).contains { $0.hasPrefix("content/indicators/bez-tseley.md:1:1: warning: у показателя «Без целей» нет целевых значений") })
    }

    @Test func pastRoadmapActivitiesAreReportedRelativeToTheGivenDate() throws {
        var files = TestSite.basics
        files["content/roadmaps/karta.md"] = """
        ---
        title: Карта
        period: {from: 2024, to: 2025}
        stages:
          - title: Этап
            activities:
              - {n: "1.1", title: Прошло, due: до 1 октября 2023}
              - {n: "1.2", title: Впереди, due: декабрь 2024}
              - {n: "1.3", title: Квартал, due: 2 квартал 2024}
              - {n: "1.4", title: Без года, due: ежегодно}
        ---
        """
        let warnings = try Self.check(files, today: "2024-09-01").filter { $0.contains("срок мероприятия") }
        #expect(warnings == [
            "content/roadmaps/karta.md:7:9: warning: срок мероприятия «1.1 Прошло» («до 1 октября 2023») прошёл: обновите сроки или отметьте выполнение",
            "content/roadmaps/karta.md:9:9: warning: срок мероприятия «1.3 Квартал» («2 квартал 2024») прошёл: обновите сроки или отметьте выполнение",
        ])
        let later = try Self.check(files, today: "2026-01-15")
        #expect(later.contains { $0.hasPrefix("content/roadmaps/karta.md:3:9: warning: срок дорожной карты «Карта» истёк (2024–2025)") })
    }

    @Test(arguments: [
        ("Телефон наставника: +7 (912) 345-67-89.", "номер телефона «+7 (912) 345-67-89»", 21),
        ("Звонить 8-912-345-67-89 после уроков", "номер телефона «8-912-345-67-89»", 9),
        ("Пишите на ivanova.mp@school39.ru", "адрес электронной почты «ivanova.mp@school39.ru»", 11),
        ("СНИЛС 123-456-789 01 указан", "СНИЛС «123-456-789 01»", 7),
    ])
    func personalDataIsReported(_ line: String, _ what: String, _ column: Int) throws {
        var files = TestSite.basics
        files["content/iom/a.md"] = "---\ntitle: ИОМ\ndeficits: [otsenivanie-rezultatov]\n---\n\n\(line)\n"
        let warnings = try Self.check(files)
        #expect(warnings.contains { $0.hasPrefix("content/iom/a.md:6:\(column): warning: похоже на \(what)") }, "\(warnings)")
    }

    @Test func yearsRangesAndOrderNumbersAreNotPersonalData() throws {
        var files = TestSite.basics
        files["content/practices/a.md"] = "---\ntitle: П\ndeficits: [otsenivanie-rezultatov]\n---\nВ 2017–2019 годах, приказ № 112-о от 30.08.2017, 8 классов, 89 %, 80 2022 2023.\n"
        #expect(try !Self.check(files).contains { $0.contains("похоже на") })
    }

    @Test func theSampleBankHasNoWarningsButItsFinishedRoadmaps() throws {
        var builder = SiteBuilder(siteRoot: repositoryRoot)
        builder.today = DocumentDate("2026-11-23")!
        let warnings = builder.check().warnings
        #expect(warnings.allSatisfy { $0.message.hasPrefix("срок дорожной карты") }, "\(warnings.map(\.description))")
    }
}

@Suite struct OutputFormatTests {
    static let diagnostics = [
        Diagnostic.error("поле «level»: значение «5, 6»", at: SourceLocation(file: ContentPath("content/practices/a.md"), line: 3, column: 7)),
        Diagnostic.warning("100% \"готово\"\nвторая строка", at: SourceLocation(file: ContentPath("content/iom/b.md"), line: 1, column: 1)),
    ]

    @Test func jsonListsEveryDiagnosticWithItsPlace() throws {
        let printer = DiagnosticPrinter(sourceArgument: "bank", format: .json)
        let json = printer.json(Self.diagnostics)
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        #expect(object["errors"] as? Int == 1)
        #expect(object["warnings"] as? Int == 1)
        let items = object["diagnostics"] as! [[String: Any]]
        #expect(items[0]["file"] as? String == "bank/content/practices/a.md")
        #expect(items[0]["line"] as? Int == 3)
        #expect(items[0]["column"] as? Int == 7)
        #expect(items[0]["severity"] as? String == "error")
        #expect(items[1]["message"] as? String == "100% \"готово\"\nвторая строка")
    }

    @Test func githubAnnotationsAreEscaped() {
        let printer = DiagnosticPrinter(sourceArgument: ".", format: .github)
        #expect(printer.githubAnnotation(Self.diagnostics[0], strict: false) == "::error file=content/practices/a.md,line=3,col=7::поле «level»: значение «5, 6»")
        #expect(printer.githubAnnotation(Self.diagnostics[1], strict: false) == "::warning file=content/iom/b.md,line=1,col=1::100%25 \"готово\"%0Aвторая строка")
        #expect(printer.githubAnnotation(Self.diagnostics[1], strict: true).hasPrefix("::error "))
    }

    @Test func strictTurnsWarningsIntoFailure() throws {
        var files = TestSite.basics
        files["content/practices/a.md"] = "---\ntitle: П\ndeficits: [otsenivanie-rezultatov]\n---\n"
        let site = try TestSite(files)
        defer { site.remove() }
        // The indicator has targets and a practice addresses the deficit; only orphans remain.
        var lenient = try Metodbank.parseAsRoot(["check", "--source", site.root.value, "--quiet", "--today", "2024-09-01"])
        try lenient.run()
        var strict = try Metodbank.parseAsRoot(["check", "--source", site.root.value, "--quiet", "--strict", "--today", "2024-09-01"])
        #expect(throws: Error.self) { try strict.run() }
    }
}
