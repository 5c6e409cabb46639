import Foundation
import MetodCLI
@testable import MetodContent
import MetodCore
import Testing
@testable import MetodSite

/// Renders an SVG with rsvg-convert and reads it with zbarimg, as a phone would.
func decodeQR(svg: String) throws -> String {
    let folder = temporaryFolder("qr")
    try FileManager.default.createDirectory(atPath: folder.value, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder.value) }
    let svgFile = folder.appending("code.svg"), png = folder.appending("code.png")
    try svg.write(to: svgFile.url, atomically: true, encoding: .utf8)
    try runTool("/usr/bin/rsvg-convert", ["-w", "300", "-o", png.value, svgFile.value])
    return try runTool("/usr/bin/zbarimg", ["--quiet", "--raw", png.value]).trimmingCharacters(in: .newlines)
}

@discardableResult
func runTool(_ tool: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}

func firstMatch(_ pattern: String, in text: String) -> String? {
    let regex = try! NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
    guard let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
          let range = Range(match.range(at: match.numberOfRanges > 1 ? 1 : 0), in: text) else { return nil }
    return String(text[range])
}

@Suite(.serialized) struct SampleBankQRTests {
    static let output: FilePath = {
        let folder = temporaryFolder("qr-sample")
        _ = SiteBuilder(siteRoot: repositoryRoot, output: folder).build()
        return folder
    }()

    static var documentPages: [String] {
        let folders = DocumentType.allCases.map(\.folder)
        return folders.flatMap { folder in
            ((try? FileManager.default.contentsOfDirectory(atPath: output.appending(folder).value)) ?? [])
                .filter { $0 != "index.html" && $0.hasSuffix(".html") }
                .map { "\(folder)/\($0)" }
        }.sorted()
    }

    @Test func everyPrintedCodeDecodesToTheDocumentsShortAddressAndThatAddressLeadsToTheDocument() throws {
        let pages = Self.documentPages
        #expect(pages.count >= 65)
        for page in pages {
            let html = try String(contentsOf: Self.output.appending(page).url, encoding: .utf8)
            guard let svg = firstMatch("<div class=\"print-qr\">(<svg.*?</svg>)</div>", in: html),
                  let shortURL = firstMatch("<span class=\"print-url\">([^<]*)</span>", in: html) else {
                Issue.record("\(page) has no printed QR code or short address")
                continue
            }
            #expect(try decodeQR(svg: svg) == shortURL, "\(page)")
            // The short address is p/?code; the table p/<first character>.js leads back to this page.
            let address = shortURL.replacingOccurrences(of: "https://metodbank.example.ru/", with: "")
            #expect(address.count == "p/?xxxx".count, "\(shortURL) is short")
            let code = String(address.dropFirst("p/?".count))
            let target = try #require(try permalinkTarget(of: code, in: Self.output), "\(code) is in its table")
            let resolved = URL(fileURLWithPath: Self.output.appending("p").value + "/" + target).standardizedFileURL.path
            #expect(resolved == Self.output.appending(page).value, "\(code) → \(target)")
        }
        let page = try String(contentsOf: Self.output.appending("p/index.html").url, encoding: .utf8)
        #expect(page.contains("<script src=\"../assets/js/permalink.js\"></script>"))
        #expect(page.contains("<noscript>"), "says what to do with scripts off")
    }

    @Test func printBlockCarriesTitleDateAndShortAddress() throws {
        let html = try String(contentsOf: Self.output.appending("regulations/polozhenie-o-pedsovete.html").url, encoding: .utf8)
        let block = try #require(firstMatch("<footer class=\"print-block\">(.*?)</footer>", in: html))
        #expect(block.contains("<p class=\"print-title\">Положение о педагогическом совете</p>"))
        #expect(block.contains("Редакция от"))
        #expect(block.contains("Электронная версия: <span class=\"print-url\">https://metodbank.example.ru/p/"))
    }
}

@Suite struct PermalinkTests {
    @Test func codesAreShortStableAndDerivedFromTheID() throws {
        var files = TestSite.basics
        files["content/practices/a.md"] = "---\ntitle: А\n---\n"
        let first = try TestSite(files)
        defer { first.remove() }
        files["content/practices/b.md"] = "---\ntitle: Б\n---\n"
        files["content/practices/c.md"] = "---\ntitle: В\n---\n"
        let second = try TestSite(files)
        defer { second.remove() }
        #expect(first.build().succeeded && second.build().succeeded)
        let code = Permalinks.code(for: "a", attempt: 0)
        #expect(code.count == 4)
        for site in [first, second] {
            #expect(try permalinkTarget(of: code, in: site.output) == "../practices/a.html")
        }
    }

    @Test func onCollisionTheEarlierDocumentKeepsItsCode() throws {
        // Find two ids whose first codes collide.
        var seen: [String: String] = [:]
        var pair: (String, String)?
        for n in 0..<200_000 where pair == nil {
            let id = "doc-\(n)"
            let code = Permalinks.code(for: id, attempt: 0)
            if let other = seen[code] { pair = (other, id) } else { seen[code] = id }
        }
        let (older, newer) = try #require(pair)
        let code = Permalinks.code(for: older, attempt: 0)
        var files = TestSite.basics
        files["content/practices/\(newer).md"] = "---\ntitle: Новая\ndate: 2025-01-01\n---\n"
        files["content/practices/\(older).md"] = "---\ntitle: Старая\ndate: 2020-01-01\n---\n"
        let site = try TestSite(files)
        defer { site.remove() }
        #expect(site.build().succeeded)
        #expect(try permalinkTarget(of: code, in: site.output) == "../practices/\(older).html")
        let newerCode = Permalinks.code(for: newer, attempt: 1)
        #expect(try permalinkTarget(of: newerCode, in: site.output) == "../practices/\(newer).html")
    }

    @Test func aRenamedDocumentKeepsItsOldCodeThroughAliases() throws {
        var files = TestSite.basics
        files["content/practices/novoe-imya.md"] = "---\ntitle: Практика\naliases: [staroe-imya]\n---\n"
        let site = try TestSite(files)
        defer { site.remove() }
        #expect(site.build().succeeded)
        let old = Permalinks.code(for: "staroe-imya", attempt: 0)
        #expect(try permalinkTarget(of: old, in: site.output) == "../practices/novoe-imya.html")
        #expect(try site.read("site/practices/novoe-imya.html").contains("https://bank.example.ru/p/?\(Permalinks.code(for: "novoe-imya", attempt: 0))<"))
    }

    @Test func withoutBaseURLPagesPrintWithoutACodeAndCheckWarnsOnce() throws {
        let site = try TestSite(TestSite.basics, config: "title: Банк\n")
        defer { site.remove() }
        let report = site.check()
        #expect(report.warnings.filter { $0.message.contains("base_url") }.count == 1)
        #expect(site.build().succeeded)
        let page = try site.read("site/regulations/polozhenie-o-nastavnichestve.html")
        #expect(page.contains("<footer class=\"print-block\">"))
        #expect(!page.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\""))
    }

    @Test func errorCorrectionLevelIsConfigurable() throws {
        let low = try TestSite(TestSite.basics, config: TestSite.config + "qr_level: L\n")
        let high = try TestSite(TestSite.basics, config: TestSite.config + "qr_level: H\n")
        defer { low.remove(); high.remove() }
        #expect(low.build().succeeded && high.build().succeeded)
        let path = "site/deficits/otsenivanie-rezultatov.html"
        let lowSize = try #require(firstMatch("class=\"qr\" viewBox=\"0 0 (\\d+)", in: try low.read(path)))
        let highSize = try #require(firstMatch("class=\"qr\" viewBox=\"0 0 (\\d+)", in: try high.read(path)))
        #expect(Int(lowSize)! < Int(highSize)!)
        let bad = try TestSite(TestSite.basics, config: TestSite.config + "qr_level: X\n")
        defer { bad.remove() }
        #expect(bad.check().errors.contains { $0.message.contains("qr_level") })
    }
}

@Suite struct HandoutTests {
    static let files: [String: String] = GraphPagesTests.files.merging([
        "content/handouts/list.md": "---\ntitle: Лист к семинару\ndocuments: [polozhenie-o-nastavnichestve]\nselect: {deficit: otsenivanie-rezultatov}\n---\nРазрежьте по пунктиру.\n",
    ]) { new, _ in new }

    @Test func aHandoutDocumentBuildsASheetOfCards() throws {
        let site = try TestSite(Self.files)
        defer { site.remove() }
        #expect(site.build().succeeded)
        let page = try site.read("site/handouts/list.html")
        let titles = page.components(separatedBy: "<p class=\"qr-card-title\">").dropFirst().map { firstMatch(">([^<]*)</a>", in: $0) ?? "" }
        #expect(titles == ["Положение о наставничестве", "Формирующее оценивание", "ИОМ учителя математики"])
        #expect(page.components(separatedBy: "<div class=\"qr-card-code\"><svg").count == 4)
    }

    @Test func theQRCommandAddsASheetAndStandaloneSVGs() throws {
        let site = try TestSite(Self.files)
        defer { site.remove() }
        let svgFolder = site.root.appending("svg")
        var command = try Metodbank.parseAsRoot([
            "qr", "--source", site.root.value, "--indicator", "dolya-pedagogov", "--type", "iom",
            "--id", "polozhenie-o-nastavnichestve", "--name", "seminar", "--title", "Семинар", "--svg", svgFolder.value, "--quiet",
        ])
        try command.run()
        let page = try site.read("site/handouts/seminar.html")
        #expect(page.contains("<h1>Семинар</h1>"))
        #expect(page.contains("ИОМ учителя математики"))
        #expect(!page.contains("Формирующее оценивание"), "a practice is not of type iom")
        let svgs = try FileManager.default.contentsOfDirectory(atPath: svgFolder.value).sorted()
        #expect(svgs == ["iom-matematika.svg", "polozhenie-o-nastavnichestve.svg"])
        let svg = try String(contentsOf: svgFolder.appending("iom-matematika.svg").url, encoding: .utf8)
        #expect(try decodeQR(svg: svg) == "https://bank.example.ru/p/?\(Permalinks.code(for: "iom-matematika", attempt: 0))")
    }

    @Test func theQRCommandRefusesUnknownIDsAndAMissingBaseURL() throws {
        let site = try TestSite(Self.files)
        defer { site.remove() }
        var unknown = try Metodbank.parseAsRoot(["qr", "--source", site.root.value, "--id", "iom-matematica", "--quiet"])
        #expect(throws: Error.self) { try unknown.run() }
        let report = { () -> BuildReport in
            var builder = SiteBuilder(siteRoot: site.root)
            builder.handouts = [HandoutRequest(name: "x", title: "x", selection: HandoutSelection(ids: ["iom-matematica"]))]
            return builder.build()
        }()
        #expect(report.errors.map(\.message) == ["неизвестный документ «iom-matematica»; возможно, имелось в виду «iom-matematika»"])

        let noBase = try TestSite(Self.files, config: "title: Банк\n")
        defer { noBase.remove() }
        var command = try Metodbank.parseAsRoot(["qr", "--source", noBase.root.value, "--type", "iom", "--quiet"])
        #expect(throws: Error.self) { try command.run() }
        #expect(!FileManager.default.fileExists(atPath: noBase.root.appending("site/handouts/qr.html").value))
    }
}

/// Where the short address `p/?code` leads, as written in its table `p/<first character>.js`
/// (relative to `p/`), or `nil` when the code is not there.
func permalinkTarget(of code: String, in output: FilePath) throws -> String? {
    let table = try String(contentsOf: output.appending("p/\(code.prefix(1)).js").url, encoding: .utf8)
    return firstMatch("t\\[\"\(code)\"\\] = \"([^\"]*)\";", in: table)
}
