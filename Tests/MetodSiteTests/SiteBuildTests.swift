import ArgumentParser
import Foundation
import MetodCLI
import MetodCore
import Testing
@testable import MetodSite

@Suite struct GraphPagesTests {
    static let files: [String: String] = TestSite.basics.merging([
        "content/practices/formiruyushchee-otsenivanie.md": """
        ---
        title: Формирующее оценивание
        summary: Листы самооценки на уроках математики.
        date: 2024-03-05
        updated: 2024-03-05
        level: [ООО]
        deficits: [otsenivanie-rezultatov]
        indicators: [dolya-pedagogov]
        ---
        ## Суть практики

        Опирается на [[polozhenie-o-nastavnichestve]] и [положение](../regulations/polozhenie-o-nastavnichestve.md#2-tseli).
        """,
        "content/iom/iom-matematika.md": """
        ---
        title: ИОМ учителя математики
        teacher: {position: учитель математики, experience: 3 года, category: первая}
        deficits: [otsenivanie-rezultatov]
        indicators: [dolya-pedagogov]
        plan:
          - {direction: Предметная подготовка, activity: Курсы КПК, due: ноябрь, reporting: удостоверение, result: Освоены приёмы}
        ---
        """,
        "content/roadmaps/karta.md": """
        ---
        title: Дорожная карта школы
        period: {from: 2024, to: 2025}
        level: школа
        stages:
          - title: Подготовительный этап
            activities:
              - {n: "1.1", title: Создать рабочую группу, due: сентябрь 2024, responsible: директор, result: Приказ, report: Протокол, regulation: polozhenie-o-nastavnichestve, indicators: [dolya-pedagogov]}
        ---
        """,
    ]) { new, _ in new }

    @Test func everyReferenceHasItsBackReference() throws {
        let site = try TestSite(Self.files)
        defer { site.remove() }
        let report = site.build()
        #expect(report.succeeded, "\(report.diagnostics)")

        let deficit = try site.read("site/deficits/otsenivanie-rezultatov.html")
        #expect(deficit.contains("Что помогает устранить дефицит"))
        #expect(deficit.contains("<h3>Эффективные практики</h3>"))
        #expect(deficit.contains("<h3>Индивидуальные образовательные маршруты</h3>"))
        #expect(deficit.contains("href=\"../practices/formiruyushchee-otsenivanie.html\""))
        #expect(deficit.contains("href=\"../iom/iom-matematika.html\""))

        let indicator = try site.read("site/indicators/dolya-pedagogov.html")
        #expect(indicator.contains("Мероприятия дорожных карт"))
        #expect(indicator.contains("<span class=\"num\">1.1</span> Создать рабочую группу"))
        #expect(indicator.contains("<svg class=\"chart\""))
        #expect(indicator.contains("<td class=\"num\">40,5</td>"))
        #expect(indicator.contains("Материалы, влияющие на показатель"))

        let regulation = try site.read("site/regulations/polozhenie-o-nastavnichestve.html")
        #expect(regulation.contains("<a href=\"#1-obshchie-polozheniya\">1. Общие положения</a>"))
        #expect(regulation.contains("приказ № 1 от 30 августа 2024 г."))
        #expect(regulation.contains("Ссылаются на этот документ"))
        #expect(regulation.contains("href=\"../roadmaps/karta.html\""))

        let practice = try site.read("site/practices/formiruyushchee-otsenivanie.html")
        #expect(practice.contains("<a href=\"../regulations/polozhenie-o-nastavnichestve.html\">Положение о наставничестве</a>"))
        #expect(practice.contains("<a href=\"../regulations/polozhenie-o-nastavnichestve.html#2-tseli\">положение</a>"))

        let roadmap = try site.read("site/roadmaps/karta.html")
        #expect(roadmap.contains("<td>1.1</td>"))
        #expect(roadmap.contains("Протокол<br><a href=\"../regulations/polozhenie-o-nastavnichestve.html\">"))

        let coverage = try site.read("site/coverage.html")
        #expect(coverage.contains("<td class=\"num empty\">0</td>"), "mentoring column is empty")
        #expect(coverage.contains("<td class=\"num\">1</td>"))
    }

    /// A document that names the same document several times is listed there once per role:
    /// in a body with a few links, and in one with more links than are looked through one by one.
    @Test func aDocumentNamedSeveralTimesIsListedOnce() throws {
        var files = TestSite.basics
        files["content/practices/neskolko.md"] = """
        ---
        title: Несколько ссылок
        ---
        [[polozhenie-o-nastavnichestve]], [положение](../regulations/polozhenie-o-nastavnichestve.md) и снова [[polozhenie-o-nastavnichestve]].
        """
        let others = (1...20).map { "drugaya-\($0)" }
        for id in others { files["content/practices/\(id).md"] = "---\ntitle: Другая \(id)\n---\n" }
        files["content/practices/mnogo.md"] = """
        ---
        title: Много ссылок
        ---
        \(others.map { "[[\($0)]]" }.joined(separator: ", ")), [[polozhenie-o-nastavnichestve]], [[drugaya-3]], [[polozhenie-o-nastavnichestve]].
        """
        let site = try TestSite(files)
        defer { site.remove() }
        #expect(site.build().succeeded)
        let regulation = try site.read("site/regulations/polozhenie-o-nastavnichestve.html")
        #expect(regulation.components(separatedBy: "href=\"../practices/neskolko.html\"").count - 1 == 1)
        #expect(regulation.components(separatedBy: "href=\"../practices/mnogo.html\"").count - 1 == 1)
        let other = try site.read("site/practices/drugaya-3.html")
        #expect(other.components(separatedBy: "href=\"../practices/mnogo.html\"").count - 1 == 1)
    }

    @Test func feedAndSitemapUseTheBaseURL() throws {
        let site = try TestSite(Self.files)
        defer { site.remove() }
        #expect(site.build().succeeded)
        let feed = try site.read("site/feed.xml")
        #expect(feed.contains("<id>https://bank.example.ru/practices/formiruyushchee-otsenivanie.html</id>"))
        #expect(feed.contains("<updated>2024-03-05T00:00:00Z</updated>"))
        let sitemap = try site.read("site/sitemap.xml")
        #expect(sitemap.contains("<loc>https://bank.example.ru/</loc>"))
        #expect(sitemap.contains("<loc>https://bank.example.ru/deficits/otsenivanie-rezultatov.html</loc>"))
    }

    @Test func withoutBaseURLThereIsNoFeedOrSitemap() throws {
        let site = try TestSite(Self.files, config: "title: Банк\n")
        defer { site.remove() }
        #expect(site.build().succeeded)
        #expect(!FileManager.default.fileExists(atPath: site.output.appending("feed.xml").value))
        #expect(!FileManager.default.fileExists(atPath: site.output.appending("sitemap.xml").value))
    }

    @Test func frontMatterValuesAreEscapedWherever_theyLand() throws {
        var files = TestSite.basics
        files["content/practices/a.md"] = """
        ---
        title: "<script>alert('t')</script> & «кавычки\\""
        summary: "<img src=x onerror=alert(1)>"
        tags: ["<b>тег</b>"]
        organization: "\\" onmouseover=\\"alert(1)"
        ---
        Текст <script>alert(2)</script>
        """
        let site = try TestSite(files)
        defer { site.remove() }
        #expect(site.build().succeeded)
        for path in ["site/practices/a.html", "site/practices/index.html", "site/index.html", "site/feed.xml"] {
            let text = try site.read(path)
            #expect(!text.contains("<script>alert"), "\(path)")
            #expect(!text.contains("<img src=x"), "\(path)")
            #expect(!text.contains("<b>тег"), "\(path)")
            #expect(!text.contains("\" onmouseover=\"alert"), "\(path)")
        }
        #expect(try site.read("site/practices/a.html").contains("&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt; &amp; «кавычки&quot;"))
    }

    @Test func aliasesRedirectToTheRenamedDocument() throws {
        var files = TestSite.basics
        files["content/practices/novoe-imya.md"] = "---\ntitle: Практика\naliases: [staroe-imya]\n---\n"
        files["content/practices/b.md"] = "---\ntitle: Б\n---\n[[staroe-imya]]\n"
        let site = try TestSite(files)
        defer { site.remove() }
        #expect(site.build().succeeded)
        let redirect = try site.read("site/practices/staroe-imya.html")
        #expect(redirect.contains("<meta http-equiv=\"refresh\" content=\"0; url=novoe-imya.html\">") || redirect.contains("url=../practices/novoe-imya.html"))
        #expect(try site.read("site/practices/b.html").contains("href=\"../practices/novoe-imya.html\""))
    }

    @Test func attachmentsAreCopiedAndListedWithTheirSize() throws {
        var files = TestSite.basics
        files["content/files/plan.csv"] = String(repeating: "a;b\n", count: 512)
        files["content/practices/a.md"] = "---\ntitle: Практика\nattachments: [../files/plan.csv]\n---\n"
        let site = try TestSite(files)
        defer { site.remove() }
        #expect(site.build().succeeded)
        let page = try site.read("site/practices/a.html")
        #expect(page.contains("<a href=\"../files/plan.csv\" download>plan.csv</a> <span class=\"muted\">CSV, 2 КБ</span>"))
        #expect(try site.read("site/files/plan.csv").count == 2048)
    }
}

@Suite struct ThemeTests {
    @Test func aSiteOverridesTemplatesAndAssetsFileByFile() throws {
        var files = TestSite.basics
        files["themes/default/templates/partials/deficit.mustache"] = "<p class=\"custom\">Группа: {{group}}</p>\n"
        files["themes/default/assets/style.css"] = "body { color: red; }\n"
        let site = try TestSite(files)
        defer { site.remove() }
        #expect(site.build().succeeded)
        #expect(try site.read("site/deficits/otsenivanie-rezultatov.html").contains("<p class=\"custom\">Группа: методические</p>"))
        #expect(try site.read("site/assets/style.css") == "body { color: red; }\n")
        // Templates not overridden come from the built-in theme.
        #expect(try site.read("site/index.html").contains("Материалы по типам"))
    }

    /// Template contexts are not dictionaries of strings (see `Context`), yet a theme sees
    /// them as Mustache shows strings and dictionaries: transforms work, and a name looked up
    /// inside a text's section is found further out.
    @Test func aThemeUsesTextsAndContextsAsMustacheStringsAndDictionaries() throws {
        let page = try deficitPage(partial: "{{uppercased(group)}}|{{#group}}{{group}} в банке «{{siteTitle}}»{{/group}}|{{count(print)}}|{{#empty(print)}}пусто{{/empty(print)}}")
        #expect(page.contains("<p class=\"custom\">МЕТОДИЧЕСКИЕ|методические в банке «Банк школы»|4|</p>"))
    }

    /// swift-mustache takes the name of a partial named by a value only from a string.
    @Test func aThemeNamesAPartialByAValue() throws {
        let page = try deficitPage(partial: "{{>*typeFolder}}", templates: ["deficits": "{{typeName}}: {{pageTitle}}"])
        #expect(page.contains("<p class=\"custom\">Профессиональный дефицит: Затруднения в оценивании результатов</p>"))
    }

    @Test func aMissingValuePrintsNothingAndHidesItsSection() throws {
        // The deficit has neither diagnostics nor a summary.
        let page = try deficitPage(partial: "[{{diagnostics}}|{{summary}}|{{#summary}}есть{{/summary}}{{^summary}}нет{{/summary}}|{{uppercased(summary)}}]")
        #expect(page.contains("<p class=\"custom\">[||нет|]</p>"))
    }

    @Test func aMissingValuePrintsNothingAlsoWhenAPartialIsNamedByAValue() throws {
        let page = try deficitPage(
            partial: "{{>*typeFolder}}[{{diagnostics}}|{{#diagnostics}}есть{{/diagnostics}}{{^diagnostics}}нет{{/diagnostics}}]",
            templates: ["deficits": "{{typeName}}"])
        #expect(page.contains("<p class=\"custom\">Профессиональный дефицит[|нет]</p>"))
    }

    /// The page of a deficit in a bank titled «Банк школы», whose theme shows `partial` in a
    /// `<p class="custom">` instead of the deficit's fields, with `templates` added.
    private func deficitPage(partial: String, templates: [String: String] = [:]) throws -> String {
        var files = TestSite.basics
        files["themes/default/templates/partials/deficit.mustache"] = "<p class=\"custom\">\(partial)</p>\n"
        for (name, source) in templates { files["themes/default/templates/\(name).mustache"] = source }
        let site = try TestSite(files, config: "title: Банк школы\n")
        defer { site.remove() }
        #expect(site.build().succeeded)
        let page = try site.read("site/deficits/otsenivanie-rezultatov.html")
        // The header too, with texts as strings when the theme names a partial by a value.
        #expect(page.contains("<a href=\"../deficits/index.html\" aria-current=\"page\">Дефициты</a>"))
        return page
    }

    /// The lines of «Ссылаются на этот документ» come from `partials/mentioned-by-item`, made once
    /// per document for every page that lists it: the partial sees the link's values and none of
    /// the page's. A theme's own loop over `mentionedBy` still works.
    @Test func mentionedByLinesComeFromTheirPartialWithOnlyTheLinksValues() throws {
        var files = TestSite.basics
        files["content/deficits/otsenivanie-rezultatov.md"] = """
            ---
            title: Затруднения в оценивании результатов
            group: методические
            ---
            См. [[polozhenie-o-nastavnichestve]] и [[dolya-pedagogov]].
            """
        files["content/indicators/dolya-pedagogov.md"]! += "\n\nПо [[polozhenie-o-nastavnichestve]].\n"
        files["themes/default/templates/partials/mentioned-by-item.mustache"] = "<li class=\"mention\">{{type}}: {{title}} → {{url}} [{{pageTitle}}|{{siteTitle}}]</li>\n"
        let site = try TestSite(files, config: "title: Банк школы\n")
        defer { site.remove() }
        #expect(site.build().succeeded)
        let regulation = try site.read("site/regulations/polozhenie-o-nastavnichestve.html")
        #expect(regulation.contains("""
            <li class="mention">Профессиональный дефицит: Затруднения в оценивании результатов → ../deficits/otsenivanie-rezultatov.html [|]</li>
            <li class="mention">Показатель: Доля педагогов, прошедших диагностику → ../indicators/dolya-pedagogov.html [|]</li>
                </ul>
            """))
        // The same line of the deficit on another page that lists it.
        let indicator = try site.read("site/indicators/dolya-pedagogov.html")
        #expect(indicator.contains("<li class=\"mention\">Профессиональный дефицит: Затруднения в оценивании результатов → ../deficits/otsenivanie-rezultatov.html [|]</li>"))

        // A theme whose page template loops over `mentionedBy` itself.
        files["themes/default/templates/document.mustache"] = "{{pageTitle}}:{{#mentionedBy}} {{title}} ({{url}});{{/mentionedBy}}\n"
        let looping = try TestSite(files)
        defer { looping.remove() }
        #expect(looping.build().succeeded)
        #expect(try looping.read("site/regulations/polozhenie-o-nastavnichestve.html") == """
            Положение о наставничестве: Затруднения в оценивании результатов (../deficits/otsenivanie-rezultatov.html); \
            Доля педагогов, прошедших диагностику (../indicators/dolya-pedagogov.html);

            """)
    }

    @Test func aNamedThemeOverridesTheDefault() throws {
        var files = TestSite.basics
        files["themes/shkola/templates/404.mustache"] = "{{< base}}{{$content}}<h1>Нет такой страницы в банке школы</h1>{{/content}}{{/base}}"
        let site = try TestSite(files, config: "title: Банк\ntheme: shkola\n")
        defer { site.remove() }
        #expect(site.build().succeeded)
        #expect(try site.read("site/404.html").contains("Нет такой страницы в банке школы"))
    }

    @Test func aTemplateErrorNamesTheFile() throws {
        var files = TestSite.basics
        files["themes/default/templates/home.mustache"] = "{{#types}}не закрыто"
        let site = try TestSite(files)
        defer { site.remove() }
        let report = site.build()
        #expect(report.errors.map(\.description) == ["themes/default/templates/home.mustache:1:22: error: ошибка в шаблоне: секция не закрыта: нет тега {{/…}}"])
    }

    /// The header and footer depend only on a page's frame (its folder, its section, home or
    /// search), so they are rendered once per frame; every page still gets its own section marked.
    @Test func theSiteHeaderAndFooterAreRenderedOncePerFrame() throws {
        let site = try TestSite(GraphPagesTests.files, config: "title: Банк школы\n")
        defer { site.remove() }
        let report = site.build()
        #expect(report.succeeded)
        // Home; the pages of no section at the top (coverage, «что нового», 404) and one folder
        // down (the short-address page); search; and one per section of the menu, shared by its
        // list and its documents.
        #expect(report.renderedFrames == 12, "\(report.renderedFrames) frames for \(report.pageCount) pages")
        // Ten more practices: ten more pages, no more frames.
        var more = GraphPagesTests.files
        for n in 1...10 { more["content/practices/praktika-\(n).md"] = "---\ntitle: Практика \(n)\n---\nТекст.\n" }
        let larger = try TestSite(more, config: "title: Банк школы\n")
        defer { larger.remove() }
        let largerReport = larger.build()
        #expect(largerReport.succeeded)
        #expect(largerReport.pageCount == report.pageCount + 10)
        #expect(largerReport.renderedFrames == report.renderedFrames)
        #expect(try larger.read("site/practices/praktika-7.html").contains("<a href=\"../practices/index.html\" aria-current=\"page\">Практики</a>"))
        let practice = try site.read("site/practices/formiruyushchee-otsenivanie.html")
        #expect(practice.contains("<a href=\"../practices/index.html\" aria-current=\"page\">Практики</a>"))
        #expect(practice.contains("<a class=\"brand\" href=\"../index.html\">Банк школы</a>"))
        #expect(practice.contains("<footer class=\"site-footer\">\n  <p>Банк школы · <a href=\"../index.html\">Главная</a>"))
        let deficit = try site.read("site/deficits/otsenivanie-rezultatov.html")
        #expect(deficit.contains("<a href=\"../deficits/index.html\" aria-current=\"page\">Дефициты</a>"))
        #expect(!deficit.contains("<a href=\"../practices/index.html\" aria-current"))
        let home = try site.read("site/index.html")
        #expect(home.contains("<a class=\"brand\" href=\"index.html\">Банк школы</a>"))
        #expect(!home.contains("aria-current"))
        // One line break between the header and the page, as before the header had a file of its own.
        #expect(practice.contains("</header>\n<main id=\"main\">"))
        #expect(practice.contains("</footer>\n<script src="))
    }

    /// A theme's own header sees the frame's values; a page's own values are not there (the
    /// header is shared by the pages of a frame), so they print nothing rather than the first
    /// page's.
    @Test func aThemesSiteHeaderSeesTheFrameAndNotThePage() throws {
        var files = GraphPagesTests.files
        files["themes/default/templates/partials/site-header.mustache"] =
            "<header class=\"custom\">{{siteTitle}}|{{root}}|{{#nav}}{{#current}}{{title}}{{/current}}{{/nav}}|{{pageTitle}}|{{summary}}</header>\r\n"
        let site = try TestSite(files, config: "title: Банк школы\n")
        defer { site.remove() }
        #expect(site.build().succeeded)
        #expect(try site.read("site/practices/formiruyushchee-otsenivanie.html").contains("<header class=\"custom\">Банк школы|../|Практики||</header>\n<main"))
        #expect(try site.read("site/iom/iom-matematika.html").contains("<header class=\"custom\">Банк школы|../|ИОМ||</header>"))
        #expect(try site.read("site/index.html").contains("<header class=\"custom\">Банк школы||||</header>"))
    }

    /// A theme whose base template draws the menu itself, as before the header had a file of its
    /// own, still gets every value of the frame on every page.
    @Test func aBaseTemplateWithItsOwnMenuStillWorks() throws {
        var files = GraphPagesTests.files
        files["themes/default/templates/base.mustache"] =
            "<nav>{{#nav}}<a href=\"{{url}}\"{{#current}} aria-current=\"page\"{{/current}}>{{title}}</a>{{/nav}}</nav><h1>{{pageTitle}}</h1>{{$content}}{{/content}}"
        let site = try TestSite(files)
        defer { site.remove() }
        #expect(site.build().succeeded)
        let practice = try site.read("site/practices/formiruyushchee-otsenivanie.html")
        #expect(practice.contains("<a href=\"../practices/index.html\" aria-current=\"page\">Практики</a><a href=\"../mentoring/index.html\">Наставничество</a>"))
        #expect(practice.contains("<h1>Формирующее оценивание</h1>"))
    }

    @Test func theBuiltInThemeIsTheRepositorysThemesDefault() throws {
        let folder = repositoryRoot.appending("themes/default")
        let onDisk = Theme.files(under: folder)
        let embedded = EmbeddedTheme.files.map(\.0)
        #expect(onDisk == embedded.sorted(), "run scripts/embed-theme.sh (make embed-theme)")
        for (path, base64) in EmbeddedTheme.files {
            let data = FileManager.default.contents(atPath: folder.appending(path).value)
            #expect(data == Data(base64Encoded: base64), "themes/default/\(path) differs from the embedded copy: run make embed-theme")
        }
    }
}

@Suite struct OutputTests {
    @Test func twoBuildsAreByteIdentical() throws {
        let first = temporaryFolder("det-a"), second = temporaryFolder("det-b")
        defer { try? FileManager.default.removeItem(atPath: first.value); try? FileManager.default.removeItem(atPath: second.value) }
        #expect(SiteBuilder(siteRoot: repositoryRoot, output: first).build().succeeded)
        #expect(SiteBuilder(siteRoot: repositoryRoot, output: second).build().succeeded)
        let a = snapshot(of: first), b = snapshot(of: second)
        #expect(a.count > 70)
        #expect(a.keys.sorted() == b.keys.sorted())
        for (path, data) in a { #expect(b[path] == data, "\(path) differs between builds") }
    }

    @Test func aFailedBuildLeavesThePreviousOutputExactlyAsItWas() throws {
        let site = try TestSite(GraphPagesTests.files)
        defer { site.remove() }
        #expect(site.build().succeeded)
        let before = snapshot(of: site.output)
        try site.write("content/practices/formiruyushchee-otsenivanie.md", "---\ntitle: Сломано\ndeficits: [net-takogo]\n---\n")
        let report = site.build()
        #expect(!report.succeeded)
        #expect(snapshot(of: site.output) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.root.value).filter { $0.contains("staging") || $0.contains(".old-") }
        #expect(leftovers.isEmpty)
    }

    @Test func aFolderTheToolDidNotMakeIsNeverReplaced() throws {
        let site = try TestSite(TestSite.basics)
        defer { site.remove() }
        try site.write("site/vazhnoe.docx", "не трогать")
        let report = site.build()
        #expect(report.errors.contains { $0.message.contains("создана не metodbank") })
        #expect(try site.read("site/vazhnoe.docx") == "не трогать")
    }

    /// Copies `content/` and `metodbank.yml` to an empty folder, keeping the files' dates.
    func newcomerCopy(_ name: String) throws -> FilePath {
        let copy = temporaryFolder(name)
        try FileManager.default.createDirectory(atPath: copy.value, withIntermediateDirectories: true)
        try runTool("/bin/cp", ["-R", "-p", repositoryRoot.appending("content").value, repositoryRoot.appending("metodbank.yml").value, copy.value])
        return copy
    }

    @Test func aNewcomerCopyingContentAndConfigGetsTheSameSite() throws {
        let first = try newcomerCopy("newcomer-a"), second = try newcomerCopy("newcomer-b")
        let reference = temporaryFolder("reference")
        defer { for f in [first, second, reference] { try? FileManager.default.removeItem(atPath: f.value) } }
        #expect(SiteBuilder(siteRoot: repositoryRoot, output: reference).build().succeeded)
        #expect(SiteBuilder(siteRoot: first).build().succeeded)
        #expect(SiteBuilder(siteRoot: second).build().succeeded)
        // Without the repository's themes/ or git history: the same pages, assets and files…
        let copied = snapshot(of: first.appending("site")), built = snapshot(of: reference)
        #expect(copied.keys.sorted() == built.keys.sorted())
        for path in copied.keys where !path.hasSuffix(".html") && !path.hasSuffix(".xml") {
            #expect(copied[path] == built[path], "\(path)")
        }
        // …and byte for byte the same site for everyone who copies the same files. Only the
        // revision dates of documents without `updated` differ from the repository's build:
        // there they come from git history, in a copy from the files' own dates.
        #expect(copied == snapshot(of: second.appending("site")))
    }
}

@Suite struct CommandLineTests {
    @Test func checkExitsNonZeroOnErrorsAndZeroOnTheSampleBank() throws {
        var files = TestSite.basics
        files["content/practices/a.md"] = "---\ntitle: Практика\ndeficits: [net-takogo]\n---\n"
        let site = try TestSite(files)
        defer { site.remove() }
        var broken = try Metodbank.parseAsRoot(["check", "--source", site.root.value, "--quiet"])
        #expect(throws: ExitCode.failure) { try broken.run() }
        var sample = try Metodbank.parseAsRoot(["check", "--source", repositoryRoot.value, "--quiet"])
        try sample.run()
    }

    @Test func buildIsTheDefaultCommandAndTakesAnOutputFolder() throws {
        let site = try TestSite(TestSite.basics)
        defer { site.remove() }
        let output = site.root.appending("vyvod")
        var command = try Metodbank.parseAsRoot(["--source", site.root.value, "--output", output.value, "--quiet"])
        try command.run()
        #expect(FileManager.default.fileExists(atPath: output.appending("index.html").value))
    }

    @Test func outputDefaultsToTheConfiguredFolder() throws {
        let site = try TestSite(TestSite.basics, config: "title: Банк\noutput: public\n")
        defer { site.remove() }
        var command = try Metodbank.parseAsRoot(["build", "--source", site.root.value, "--quiet"])
        try command.run()
        #expect(FileManager.default.fileExists(atPath: site.root.appending("public/index.html").value))
    }
}
