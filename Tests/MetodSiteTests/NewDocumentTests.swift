import Foundation
import MetodCLI
import MetodContent
import MetodCore
import Testing
@testable import MetodSite

@Suite struct NewDocumentTests {
    @Test(arguments: DocumentType.allCases)
    func aNewDocumentOfEveryTypePassesCheck(_ type: DocumentType) throws {
        let site = try TestSite(TestSite.basics)
        defer { site.remove() }
        var new = NewDocument(siteRoot: site.root, type: type, title: "Наставничество в школе")
        new.today = DocumentDate("2025-09-01")!
        let path = try new.create()
        #expect(path.value == "content/\(type.folder)/nastavnichestvo-v-shkole.md")
        let text = try site.read(path.value)
        #expect(text.hasPrefix("---\ntitle: \"Наставничество в школе\"\n"))
        #expect(text.contains("date: 2025-09-01"))
        let report = site.check()
        #expect(report.errors.isEmpty, "\(report.errors.map(\.description))")
    }

    @Test func everyFieldOfTheTypeIsPresent() throws {
        let site = try TestSite([:])
        defer { site.remove() }
        let path = try NewDocument(siteRoot: site.root, type: .roadmap, title: "Карта").create()
        let text = try site.read(path.value)
        for field in ["title:", "summary:", "date:", "tags:", "period:", "level:", "organization:", "stages:", "activities:", "n:", "due:", "responsible:", "result:", "report:", "regulation:", "indicators:"] {
            #expect(text.contains(field), "\(field)")
        }
    }

    @Test func itNeverOverwritesAndFindsAFreeName() throws {
        var files = TestSite.basics
        files["content/practices/smyslovoe-chtenie.md"] = "---\ntitle: Уже есть\n---\n"
        files["content/iom/drugoe.md"] = "---\ntitle: ИОМ\naliases: [smyslovoe-chtenie-2]\n---\n"
        let site = try TestSite(files)
        defer { site.remove() }
        let path = try NewDocument(siteRoot: site.root, type: .practice, title: "Смысловое чтение").create()
        #expect(path.value == "content/practices/smyslovoe-chtenie-3.md")
        #expect(try site.read("content/practices/smyslovoe-chtenie.md") == "---\ntitle: Уже есть\n---\n")
    }

    @Test func aSiteOverridesTheArchetype() throws {
        var files = TestSite.basics
        files["themes/default/archetypes/practice.md"] = "---\ntitle: {{{title}}}\ndate: {{date}}\nformat: мастер-класс\n---\nШаблон школы.\n"
        let site = try TestSite(files)
        defer { site.remove() }
        let path = try NewDocument(siteRoot: site.root, type: .practice, title: "Кейс").create()
        #expect(try site.read(path.value).contains("Шаблон школы."))
    }

    @Test func theCommandLineTakesATypeAndATitle() throws {
        let site = try TestSite(TestSite.basics)
        defer { site.remove() }
        var command = try Metodbank.parseAsRoot(["new", "deficit", "Цифровая грамотность", "--source", site.root.value, "--quiet"])
        try command.run()
        #expect(FileManager.default.fileExists(atPath: site.root.appending("content/deficits/tsifrovaya-gramotnost.md").value))
        #expect(throws: Error.self) { _ = try Metodbank.parseAsRoot(["new", "praktika", "Название"]) }
        var empty = try Metodbank.parseAsRoot(["new", "practice", "«»", "--source", site.root.value])
        #expect(throws: Error.self) { try empty.run() }
    }
}
