import Foundation
import MetodCore
import Testing
@testable import MetodSite

/// One row per kind of content problem: the file, and the exact place and words of the error.
struct DiagnosticCase: CustomTestStringConvertible, Sendable {
    var name: String
    var path: String
    var text: String
    var line: Int
    var column: Int
    var message: String
    var extraFiles: [String: String] = [:]

    var testDescription: String { name }
}

let diagnosticCases: [DiagnosticCase] = [
    DiagnosticCase(
        name: "YAML syntax", path: "content/practices/a.md",
        text: "---\ntitle: \"Незакрытая кавычка\nsummary: x\n---\n", line: 3, column: 11,
        message: "ошибка синтаксиса YAML"),
    DiagnosticCase(
        name: "tab in YAML", path: "content/practices/a.md",
        text: "---\ntitle: Практика\n\tsummary: x\n---\n", line: 3, column: 1,
        message: "символ табуляции в YAML запрещён"),
    DiagnosticCase(
        name: "colon in an unquoted value", path: "content/practices/a.md",
        text: "---\ntitle: Практика: опыт школы: итоги\n---\n", line: 2, column: 16,
        message: "заключите его в кавычки"),
    DiagnosticCase(
        name: "missing title", path: "content/practices/a.md",
        text: "---\nsummary: Без заголовка\n---\nТекст\n", line: 2, column: 1,
        message: "не указано обязательное поле «title»"),
    DiagnosticCase(
        name: "mistyped field", path: "content/practices/a.md",
        text: "---\ntitle: [a, b]\n---\n", line: 2, column: 8,
        message: "поле «title» должно быть строкой текста"),
    DiagnosticCase(
        name: "unknown field", path: "content/practices/a.md",
        text: "---\ntitle: Практика\nsumary: Кратко\n---\n", line: 3, column: 1,
        message: "неизвестное поле «sumary» для типа «practice»; возможно, имелось в виду «summary»"),
    DiagnosticCase(
        name: "level outside its list", path: "content/practices/a.md",
        text: "---\ntitle: Практика\nlevel: [ООО, СОШ]\n---\n", line: 3, column: 14,
        message: "поле «level»: значение «СОШ» не из списка (ДО, НОО, ООО, СОО, СПО, ДОД)"),
    DiagnosticCase(
        name: "mentoring form outside its list", path: "content/mentoring/a.md",
        text: "---\ntitle: Программа\nform: учитель–родитель\n---\n", line: 3, column: 7,
        message: "поле «form»: значение «учитель–родитель» не из списка"),
    DiagnosticCase(
        name: "missing required mentoring form", path: "content/mentoring/a.md",
        text: "---\ntitle: Программа\n---\n", line: 2, column: 1,
        message: "не указано обязательное поле «form»"),
    DiagnosticCase(
        name: "regulation status outside its list", path: "content/regulations/a.md",
        text: "---\ntitle: Положение\nstatus: действующее\n---\n", line: 3, column: 9,
        message: "поле «status»: значение «действующее» не из списка (действует, проект, утратило силу); возможно, имелось в виду «действует»"),
    DiagnosticCase(
        name: "deficit group outside its list", path: "content/deficits/a.md",
        text: "---\ntitle: Дефицит\ngroup: методическая\n---\n", line: 3, column: 8,
        message: "возможно, имелось в виду «методические»"),
    DiagnosticCase(
        name: "indicator unit outside its list", path: "content/indicators/a.md",
        text: "---\ntitle: Показатель\nunit: штук\n---\n", line: 3, column: 7,
        message: "поле «unit»: значение «штук» не из списка (%, чел., ед.)"),
    DiagnosticCase(
        name: "bad date", path: "content/practices/a.md",
        text: "---\ntitle: Практика\ndate: 2024-13-01\n---\n", line: 3, column: 7,
        message: "поле «date»: «2024-13-01» не является датой в виде ГГГГ-ММ-ДД"),
    DiagnosticCase(
        name: "not a number", path: "content/indicators/a.md",
        text: "---\ntitle: Показатель\nunit: \"%\"\nbase: {year: 2023, value: много}\n---\n", line: 4, column: 27,
        message: "поле «base.value»: «много» не является числом"),
    DiagnosticCase(
        name: "target year that is not a year", path: "content/indicators/a.md",
        text: "---\ntitle: Показатель\nunit: ед.\ntargets:\n  следующий: 5\n---\n", line: 5, column: 3,
        message: "в поле «targets» ключ «следующий» должен быть годом"),
    DiagnosticCase(
        name: "unknown deficit in front matter", path: "content/practices/a.md",
        text: "---\ntitle: Практика\ndeficits: [otsenivanie]\n---\n", line: 3, column: 12,
        message: "неизвестный дефицит «otsenivanie»; возможно, имелось в виду «otsenivanie-rezultatov»"),
    DiagnosticCase(
        name: "indicator given where a deficit is expected", path: "content/practices/a.md",
        text: "---\ntitle: Практика\ndeficits:\n  - dolya-pedagogov\n---\n", line: 4, column: 5,
        message: "«dolya-pedagogov» — это показатель, а здесь нужен профессиональный дефицит"),
    DiagnosticCase(
        name: "unknown regulation in a roadmap activity", path: "content/roadmaps/a.md",
        text: "---\ntitle: Карта\nstages:\n  - title: Этап\n    activities:\n      - {n: \"1.1\", title: Шаг, regulation: polozhenie-o-nastavnichestv}\n---\n",
        line: 6, column: 44,
        message: "неизвестное положение «polozhenie-o-nastavnichestv»; возможно, имелось в виду «polozhenie-o-nastavnichestve»"),
    DiagnosticCase(
        name: "unknown wiki link in the body", path: "content/practices/a.md",
        text: "---\ntitle: Практика\n---\nВводный абзац.\n\nСм. [[otsenivanie-rezultatv|дефицит]].\n", line: 6, column: 5,
        message: "неизвестный документ «otsenivanie-rezultatv»; возможно, имелось в виду «otsenivanie-rezultatov»"),
    DiagnosticCase(
        name: "broken relative link in the body", path: "content/practices/a.md",
        text: "---\ntitle: Практика\n---\nСм. [дефицит](../deficits/otsenivanie.md).\n", line: 4, column: 5,
        message: "ссылка «../deficits/otsenivanie.md» ведёт на несуществующий документ или файл; возможно, имелось в виду «otsenivanie-rezultatov»"),
    DiagnosticCase(
        name: "link leaving the content folder", path: "content/practices/a.md",
        text: "---\ntitle: Практика\n---\n[пароли](../../../etc/passwd)\n", line: 4, column: 1,
        message: "ссылка «../../../etc/passwd» указывает за пределы папки content/"),
    DiagnosticCase(
        name: "duplicate id", path: "content/practices/b.md",
        text: "---\nid: a\ntitle: Вторая практика\n---\n", line: 2, column: 5,
        message: "идентификатор «a» уже занят документом content/practices/a.md",
        extraFiles: ["content/practices/a.md": "---\ntitle: Первая практика\n---\n"]),
    DiagnosticCase(
        name: "invalid id", path: "content/practices/a.md",
        text: "---\nid: Наставничество\ntitle: Практика\n---\n", line: 2, column: 5,
        message: "идентификатор «Наставничество» допускает только строчные латинские буквы, цифры и «-»"),
    DiagnosticCase(
        name: "attachment that does not exist", path: "content/practices/a.md",
        text: "---\ntitle: Практика\nattachments: [../files/plan.docx]\n---\n", line: 3, column: 15,
        message: "вложение «../files/plan.docx» не найдено"),
    DiagnosticCase(
        name: "attachment outside the content folder", path: "content/practices/a.md",
        text: "---\ntitle: Практика\nattachments:\n  - ../../metodbank.yml\n---\n", line: 4, column: 5,
        message: "вложение «../../metodbank.yml» указывает за пределы папки content/"),
    DiagnosticCase(
        name: "front matter not closed", path: "content/practices/a.md",
        text: "---\ntitle: Практика\n\nТекст без закрывающей черты.\n", line: 1, column: 1,
        message: "блок свойств не закрыт"),
    DiagnosticCase(
        name: "no front matter", path: "content/practices/a.md",
        text: "# Просто Markdown\n", line: 1, column: 1,
        message: "нет блока свойств"),
    DiagnosticCase(
        name: "unknown type", path: "content/practices/a.md",
        text: "---\ntype: practise\ntitle: Практика\n---\n", line: 2, column: 7,
        message: "неизвестный тип документа «practise»"),
    DiagnosticCase(
        name: "document outside the type folders", path: "content/misc/a.md",
        text: "---\ntitle: Практика\n---\n", line: 1, column: 1,
        message: "не удалось определить тип документа: папка «misc»"),
]

@Suite struct DiagnosticsTests {
    @Test(arguments: diagnosticCases)
    func eachProblemIsReportedAtItsPlace(_ row: DiagnosticCase) throws {
        var files = TestSite.basics
        files[row.path] = row.text
        files.merge(row.extraFiles) { new, _ in new }
        let site = try TestSite(files)
        defer { site.remove() }
        let report = site.check()
        let match = report.errors.first { $0.location?.file.value == row.path && $0.message.contains(row.message) }
        #expect(match != nil, "ожидалась ошибка «\(row.message)», получено: \(report.diagnostics.map(\.description))")
        #expect(match?.location?.line == row.line, "\(match.map(\.description) ?? "")")
        #expect(match?.location?.column == row.column, "\(match.map(\.description) ?? "")")
        #expect(match?.description.hasPrefix("\(row.path):\(row.line):\(row.column): error: ") == true)
    }

    @Test func allProblemsAreReportedInOneRun() throws {
        var files = TestSite.basics
        files["content/practices/a.md"] = "---\ntitle: Практика\ndeficits: [net-takogo]\nlevel: [XYZ]\n---\n[[net-i-etogo]]\n"
        files["content/practices/b.md"] = "---\nsumary: x\n---\n"
        let site = try TestSite(files)
        defer { site.remove() }
        let report = site.check()
        #expect(report.errors.count == 5, "\(report.errors.map(\.description))")
    }

    @Test func byteOrderMarkAndWindowsLineEndingsAreAccepted() throws {
        var files = TestSite.basics
        files["content/practices/a.md"] = "\u{FEFF}---\r\ntitle: Практика\r\ndeficits: [otsenivanie-rezultatov]\r\n---\r\nТекст [[dolya-pedagogov]].\r\n"
        let site = try TestSite(files)
        defer { site.remove() }
        let report = site.check()
        #expect(report.errors.isEmpty, "\(report.errors.map(\.description))")
    }

    @Test func windows1251FileIsNamed() throws {
        let site = try TestSite(TestSite.basics)
        defer { site.remove() }
        // «Практика» in Windows-1251.
        let cp1251: [UInt8] = [0xCF, 0xF0, 0xE0, 0xEA, 0xF2, 0xE8, 0xEA, 0xE0]
        try site.write("content/practices/a.md", Data("---\ntitle: ".utf8) + Data(cp1251) + Data("\n---\n".utf8))
        let report = site.check()
        #expect(report.errors.contains { $0.description == "content/practices/a.md:1:1: error: файл в кодировке Windows-1251, сохраните его в UTF-8" })
    }

    @Test func hyphenInMentoringFormIsAccepted() throws {
        var files = TestSite.basics
        files["content/mentoring/a.md"] = "---\ntitle: Программа\nform: учитель - учитель\n---\n"
        files["content/mentoring/b.md"] = "---\ntitle: Программа\nform: педагог-молодой специалист\n---\n"
        let site = try TestSite(files)
        defer { site.remove() }
        #expect(site.check().errors.isEmpty)
    }

    @Test func brokenConfigIsReported() throws {
        let site = try TestSite(TestSite.basics, config: "title: Банк\nbase_url: bank.example.ru\nthem: school\n")
        defer { site.remove() }
        let messages = site.check().errors.map(\.description)
        #expect(messages.contains("metodbank.yml:2:11: error: base_url «bank.example.ru» должен быть адресом вида https://bank.example.ru/"))
        #expect(messages.contains("metodbank.yml:3:1: error: неизвестный параметр «them» в metodbank.yml; возможно, имелось в виду «theme»"))
    }

    /// A build's problems come from several steps (loading, links, warnings about the bank); the
    /// report lists them by file and line all the same, as `check` does.
    @Test func aBuildReportsItsProblemsInFileOrder() throws {
        var files = TestSite.basics
        files["content/practices/a.md"] = "---\ntitle: Практика А\n---\nТекст.\n"
        files["content/practices/b.md"] = "---\ntitle: Практика Б\n---\nТелефон наставника: +7 912 345-67-89.\n"
        let site = try TestSite(files)
        defer { site.remove() }
        let report = site.build()
        let sources = report.diagnostics.compactMap(\.file)
        #expect(sources.contains("content/practices/a.md") && sources.contains("content/practices/b.md"))
        #expect(report.diagnostics == report.diagnostics.sorted(), "\(report.diagnostics.map(\.description))")
        #expect(report.diagnostics == site.check().diagnostics)
    }
}
