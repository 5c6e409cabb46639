import Foundation
import MetodCore
import Testing

/// What running the real binary did.
struct ToolRun {
    var status: Int32
    var exitedNormally: Bool
    var stderr: String
}

/// Runs the built tool in `folder`, as a methodologist would from the bank's folder.
func runMetodbank(_ arguments: [String], in folder: FilePath? = nil) throws -> ToolRun {
    let process = Process()
    if let folder { process.currentDirectoryURL = folder.url }
    process.executableURL = URL(fileURLWithPath: repositoryRoot.appending(".build/debug/metodbank").value)
    process.arguments = arguments
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let data = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return ToolRun(status: process.terminationStatus, exitedNormally: process.terminationReason == .exit, stderr: String(decoding: data, as: UTF8.self))
}

/// One broken or unusual input: which fixture files go into `content/practices/`, and the
/// exact line the tool must print (`nil` when the input is accepted and the build succeeds).
struct BadInput: CustomTestStringConvertible, Sendable {
    var name: String
    var files: [String]
    var diagnostic: String?
    var testDescription: String { name }
}

let badInputs: [BadInput] = [
    BadInput(name: "front matter without its closing ---", files: ["unclosed.md"],
             diagnostic: "content/practices/unclosed.md:1:1: error: блок свойств не закрыт: после свойств нужна строка «---»"),
    BadInput(name: "malformed YAML", files: ["malformed-yaml.md"],
             diagnostic: "content/practices/malformed-yaml.md:4:8: error: ошибка синтаксиса YAML: список в квадратных скобках не закрыт: нет «]»; список, начатый в строке 3, столбце 7"),
    BadInput(name: "a tab where YAML forbids it", files: ["tab.md"],
             diagnostic: "content/practices/tab.md:3:1: error: ошибка синтаксиса YAML: символ табуляции в YAML запрещён, используйте пробелы"),
    BadInput(name: "a UTF-8 byte order mark", files: ["bom.md"], diagnostic: nil),
    BadInput(name: "CRLF line endings", files: ["crlf.md"], diagnostic: nil),
    BadInput(name: "a file in Windows-1251", files: ["windows-1251.md"],
             diagnostic: "content/practices/windows-1251.md:1:1: error: файл в кодировке Windows-1251, сохраните его в UTF-8"),
    BadInput(name: "invalid UTF-8", files: ["invalid-utf8.md"],
             diagnostic: "content/practices/invalid-utf8.md:1:1: error: файл не в кодировке UTF-8, сохраните его в UTF-8"),
    BadInput(name: "an empty file", files: ["empty.md"],
             diagnostic: "content/practices/empty.md:1:1: error: пустой файл: нужен блок свойств с полем title"),
    BadInput(name: "a binary file named .md", files: ["binary.md"],
             diagnostic: "content/practices/binary.md:1:1: error: файл не похож на текст (двоичные данные); документы банка — текстовые файлы Markdown"),
    BadInput(name: "duplicate ids", files: ["duplicate-a.md", "duplicate-b.md"],
             diagnostic: "content/practices/duplicate-b.md:2:5: error: идентификатор «duplicate» уже занят документом content/practices/duplicate-a.md"),
    BadInput(name: "a self-reference", files: ["self-reference.md"],
             diagnostic: nil),
    BadInput(name: "a reference cycle", files: ["cycle-a.md", "cycle-b.md"], diagnostic: nil),
    BadInput(name: "an attachment outside the content folder", files: ["attachment-outside.md"],
             diagnostic: "content/practices/attachment-outside.md:3:15: error: вложение «../../../etc/passwd» указывает за пределы папки content/; файлы банка должны лежать внутри неё"),
    BadInput(name: "absolute paths", files: ["absolute-path.md"],
             diagnostic: "content/practices/absolute-path.md:3:15: error: вложение «/etc/passwd»: укажите путь относительно документа (например, ../files/plan.docx), а не абсолютный"),
    BadInput(name: "a link outside the content folder", files: ["link-outside.md"],
             diagnostic: "content/practices/link-outside.md:4:1: error: ссылка «../../../../etc/passwd» указывает за пределы папки content/; файлы банка должны лежать внутри неё"),
]

@Suite(.serialized) struct BadInputTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/bad-input")

    /// A valid bank built once, so every case can prove the previous output survives.
    func builtSite() throws -> (TestSite, [String: Data]) {
        var files = TestSite.basics
        files["content/practices/khoroshaya.md"] = "---\ntitle: Хорошая практика\ndeficits: [otsenivanie-rezultatov]\n---\nТекст.\n"
        let site = try TestSite(files)
        let first = try runMetodbank(["build", "--quiet"], in: site.root)
        #expect(first.status == 0, "\(first.stderr)")
        return (site, snapshot(of: site.output))
    }

    func expectOutcome(_ site: TestSite, before: [String: Data], diagnostic: String?, _ label: String) throws {
        let run = try runMetodbank(["build", "--quiet"], in: site.root)
        #expect(run.exitedNormally, "\(label): the tool must exit, not die of a signal")
        if let diagnostic {
            #expect(run.status == 1, "\(label): exit status \(run.status)")
            #expect(run.stderr.components(separatedBy: "\n").contains(diagnostic), "\(label): \(run.stderr)")
            #expect(snapshot(of: site.output) == before, "\(label): the previous site must stay untouched")
        } else {
            #expect(run.status == 0, "\(label): \(run.stderr)")
        }
    }

    @Test(arguments: badInputs)
    func badInputGivesItsDiagnosticAndLeavesTheSite(_ input: BadInput) throws {
        let (site, before) = try builtSite()
        defer { site.remove() }
        for file in input.files {
            let data = try Data(contentsOf: Self.fixtures.appendingPathComponent(file))
            try site.write("content/practices/\(file)", data)
        }
        try expectOutcome(site, before: before, diagnostic: input.diagnostic, input.name)
    }

    @Test func aSelfReferenceIsAWarningAndCyclesBuild() throws {
        let (site, _) = try builtSite()
        defer { site.remove() }
        for file in ["self-reference.md", "cycle-a.md", "cycle-b.md"] {
            try site.write("content/practices/\(file)", try Data(contentsOf: Self.fixtures.appendingPathComponent(file)))
        }
        let run = try runMetodbank(["build", "--quiet"], in: site.root)
        #expect(run.status == 0)
        #expect(run.stderr.contains("content/practices/self-reference.md:4:5: warning: документ ссылается сам на себя («self-reference»)"))
        #expect(try site.read("site/practices/cycle-a.html").contains("href=\"../practices/cycle-b.html\""))
        #expect(try site.read("site/practices/cycle-b.html").contains("href=\"../practices/cycle-a.html\""))
    }

    @Test func symbolicLinksLeavingTheTreeAreRefused() throws {
        let (site, before) = try builtSite()
        defer { site.remove() }
        try FileManager.default.createSymbolicLink(atPath: site.root.appending("content/practices/passwd.md").value, withDestinationPath: "/etc/passwd")
        try FileManager.default.createDirectory(atPath: site.root.appending("content/files").value, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: site.root.appending("content/files/secret.txt").value, withDestinationPath: site.root.appending("metodbank.yml").value)
        try site.write("content/practices/vlozhenie.md", "---\ntitle: Вложение-ссылка\nattachments: [../files/secret.txt]\n---\n")
        let run = try runMetodbank(["build", "--quiet"], in: site.root)
        #expect(run.status == 1 && run.exitedNormally)
        #expect(run.stderr.contains("content/practices/passwd.md:1:1: error: символическая ссылка «content/practices/passwd.md» указывает за пределы папки content/"))
        #expect(run.stderr.contains("content/practices/vlozhenie.md:3:15: error: вложение «../files/secret.txt» указывает за пределы папки content/"))
        #expect(snapshot(of: site.output) == before)
    }

    @Test func aTwentyMegabyteDocumentAndATableOfFiveThousandRowsBuild() throws {
        let (site, _) = try builtSite()
        defer { site.remove() }
        let paragraph = String(repeating: "Наставник и молодой педагог вместе разбирают урок. ", count: 20) + "\n\n"
        let big = "---\ntitle: Очень большой документ\n---\n" + String(repeating: paragraph, count: 20 * 1024 * 1024 / paragraph.utf8.count)
        try site.write("content/practices/bolshoy.md", big)
        let rows = (1...5000).map { "| \($0) | Мероприятие \($0) | сентябрь |" }.joined(separator: "\n")
        try site.write("content/practices/tablitsa.md", "---\ntitle: Таблица\n---\n| № | Мероприятие | Срок |\n|---|---|---|\n\(rows)\n")
        #expect(big.utf8.count > 20_000_000)
        let run = try runMetodbank(["build", "--quiet"], in: site.root)
        #expect(run.status == 0, "\(run.stderr)")
        let table = try site.read("site/practices/tablitsa.html")
        #expect(table.components(separatedBy: "<tr>").count - 1 == 5001)
        #expect(try site.read("site/practices/bolshoy.html").utf8.count > 20_000_000)
    }
}
