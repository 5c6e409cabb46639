import Foundation
import MetodCore
import Testing
@testable import MetodSite

/// serve's rebuilds: with a build cache, a change re-renders and rewrites only what it affects.
@Suite struct IncrementalTests {
    @Test func aOneFileChangeRendersOneBodyAndWritesOnlyChangedFiles() throws {
        let site = try TestSite(GraphPagesTests.files)
        defer { site.remove() }
        try site.settle()
        let cache = BuildCache()
        var builder = SiteBuilder(siteRoot: site.root)
        builder.cache = cache
        let first = builder.build()
        #expect(first.succeeded)
        #expect(first.renderedBodies == 6)
        let documentPages = 6

        // Nothing changed: nothing read, decoded, rendered or written.
        let again = builder.build()
        #expect(again.readFiles == 0)
        #expect(again.decodedFiles == 0)
        #expect(again.renderedBodies == 0)
        #expect(again.scannedDocuments == 0)
        #expect(again.writtenFiles == 0)

        // A file saved again with the same bytes is read, but not decoded.
        let iom = "content/iom/iom-matematika.md"
        try site.write(iom, try site.read(iom))
        let touched = builder.build()
        #expect(touched.readFiles == 1)
        #expect(touched.decodedFiles == 0)
        #expect(touched.writtenFiles == 0)

        // One body changes: one body rendered, one page written.
        let path = "content/iom/iom-matematika.md"
        try site.write(path, try site.read(path) + "\nНовый абзац о наставничестве.\n")
        let edited = builder.build()
        #expect(edited.succeeded)
        #expect(edited.readFiles == 1)
        #expect(edited.decodedFiles == 1)
        #expect(edited.renderedBodies == 1)
        #expect(edited.scannedDocuments == 1, "the search index scans only the edited document again")
        #expect(edited.renderedPages < first.renderedPages - documentPages + 2)
        #expect(edited.rewritten.filter { !$0.value.hasPrefix("search/") } == [SitePath("iom/iom-matematika.html")], "only the page and its search entries change")
        #expect(edited.writtenFiles < 12)
        #expect(try site.read("site/iom/iom-matematika.html").contains("Новый абзац о наставничестве."))

        // A change that keeps the page's length, far from its start, is written too.
        try site.write(path, try site.read(path).replacingOccurrences(of: "Новый абзац о наставничестве.", with: "Новый абзац о наставничестве!"))
        let sameLength = builder.build()
        #expect(sameLength.rewritten.contains(SitePath("iom/iom-matematika.html")))
        #expect(try site.read("site/iom/iom-matematika.html").contains("Новый абзац о наставничестве!"))

        // A title change reaches every page that shows it, and only those are rewritten.
        let regulation = "content/regulations/polozhenie-o-nastavnichestve.md"
        try site.write(regulation, try site.read(regulation).replacingOccurrences(of: "title: Положение о наставничестве", with: "title: Положение о наставничестве (новая редакция)"))
        let renamed = builder.build()
        #expect(renamed.succeeded)
        #expect(renamed.renderedBodies == 1, "only the practice whose wiki link shows the title; the regulation's own body is unchanged")
        #expect(try site.read("site/practices/formiruyushchee-otsenivanie.html").contains("Положение о наставничестве (новая редакция)</a>"))
        #expect(try site.read("site/roadmaps/karta.html").contains("Положение о наставничестве (новая редакция)"))
        #expect(renamed.writtenFiles < renamed.fileCount / 2)

        // The cached build's output is byte for byte a fresh build's.
        site.expectAFreshBuild()
    }

    /// serve compiles the theme's templates once and keeps them while the theme is unchanged;
    /// a template edited while it runs shows on the next rebuild, and a broken one is reported
    /// on every rebuild until it is fixed.
    @Test func templatesAreCompiledOnceAndATemplateEditShowsOnTheNextRebuild() throws {
        let site = try TestSite(GraphPagesTests.files)
        defer { site.remove() }
        try site.settle()
        var builder = SiteBuilder(siteRoot: site.root)
        builder.cache = BuildCache()
        let deficitPage = "site/deficits/otsenivanie-rezultatov.html"
        let first = builder.build()
        #expect(first.succeeded && first.compiledTheme)

        let practice = "content/practices/formiruyushchee-otsenivanie.md"
        try site.write(practice, try site.read(practice) + "\nЕщё один абзац.\n")
        let edited = builder.build()
        #expect(edited.succeeded)
        #expect(!edited.compiledTheme, "a content edit takes the compiled templates serve kept")

        let partial = "themes/default/templates/partials/deficit.mustache"
        try site.write(partial, "<p class=\"custom\">Группа дефицита: {{group}}</p>\n")
        let themed = builder.build()
        #expect(themed.succeeded && themed.compiledTheme)
        #expect(try site.read(deficitPage).contains("<p class=\"custom\">Группа дефицита: методические</p>"))
        site.expectAFreshBuild("after a template edit")

        try site.write(partial, "{{#group}}не закрыто")
        for _ in 0..<2 {
            let broken = builder.build()
            #expect(broken.errors.map(\.description) == ["themes/default/templates/partials/deficit.mustache:1:22: error: ошибка в шаблоне: секция не закрыта: нет тега {{/…}}"])
        }
        #expect(try site.read(deficitPage).contains("Группа дефицита: методические"), "a failed rebuild leaves the live site as it was")

        try site.write(partial, "<p class=\"custom\">Исправлено: {{group}}</p>\n")
        let fixed = builder.build()
        #expect(fixed.succeeded && fixed.compiledTheme)
        #expect(try site.read(deficitPage).contains("Исправлено: методические"))
        #expect(!builder.build().compiledTheme)
        site.expectAFreshBuild("after the template was fixed")
    }

    /// serve keeps a former id's page, the sitemap and the short-address tables while what they
    /// show is unchanged: a title change or a renamed document must still reach them.
    /// serve walks the sources to see whether anything changed; the build that follows takes
    /// that walk instead of walking the folders again, and only once.
    @Test func aRebuildTakesTheWalkServeJustMadeOnce() throws {
        let site = try TestSite(GraphPagesTests.files)
        defer { site.remove() }
        let cache = BuildCache()
        var builder = SiteBuilder(siteRoot: site.root)
        builder.cache = cache
        let documents = builder.build().documentCount
        #expect(documents > 0)
        _ = cache.signature(of: site.root)
        try site.write("content/practices/novaya.md", "---\ntitle: Новая практика\ndate: 2024-01-10\ndeficits: [otsenivanie-rezultatov]\n---\nТекст.\n")
        // Saved after the walk the next build takes: not there yet...
        #expect(builder.build().documentCount == documents)
        // ...and found by the build after it, which walks again.
        #expect(builder.build().documentCount == documents + 1)
    }

    @Test func aFormerIdsPageAndShortAddressesFollowTheirDocument() throws {
        var files = GraphPagesTests.files
        files["metodbank.yml"] = "title: Банк\nbase_url: https://bank.example.ru/\n"
        let old = "content/practices/formiruyushchee-otsenivanie.md"
        files[old] = files[old]!.replacingOccurrences(of: "---\ntitle: Формирующее оценивание", with: "---\naliases: [ocenivanie]\ntitle: Формирующее оценивание")
        let site = try TestSite(files)
        defer { site.remove() }
        let builder = site.serveBuilder()
        #expect(builder.build().succeeded)
        #expect(try site.read("site/practices/ocenivanie.html").contains("Формирующее оценивание"))


        // The title shows on the former id's page.
        try site.write(old, try site.read(old).replacingOccurrences(of: "title: Формирующее оценивание", with: "title: Оценивание для обучения"))
        #expect(builder.build().succeeded)
        #expect(try site.read("site/practices/ocenivanie.html").contains("Оценивание для обучения"))
        site.expectAFreshBuild("title")

        // Renamed, with its old id kept: the old address and short code lead to the new page.
        let renamed = "content/practices/otsenivanie-dlya-obucheniya.md"
        try site.write(renamed, try site.read(old).replacingOccurrences(of: "aliases: [ocenivanie]", with: "aliases: [ocenivanie, formiruyushchee-otsenivanie]"))
        try FileManager.default.removeItem(atPath: site.root.appending(old).value)
        let rebuilt = builder.build()
        #expect(rebuilt.succeeded, "\(rebuilt.errors)")
        #expect(try site.read("site/practices/formiruyushchee-otsenivanie.html").contains("otsenivanie-dlya-obucheniya.html"))
        #expect(try site.read("site/practices/ocenivanie.html").contains("otsenivanie-dlya-obucheniya.html"))
        #expect(try site.read("site/sitemap.xml").contains("practices/otsenivanie-dlya-obucheniya.html"))
        site.expectAFreshBuild("rename")
    }

    /// serve's rebuild returns once the pages are in place; the search index follows when the
    /// cache is settled, and the live site is then a fresh build's.
    @Test func aDeferredIndexFollowsThePages() throws {
        let site = try TestSite(GraphPagesTests.files)
        defer { site.remove() }
        var builder = site.serveBuilder()
        builder.defersIndex = true
        let first = builder.build()
        #expect(first.succeeded)
        #expect(!first.indexDeferred, "the first build writes a whole site, index included")
        let cache = try #require(builder.cache)

        let path = "content/iom/iom-matematika.md"
        try site.write(path, try site.read(path) + "\nАбзац о взаимопосещении уроков.\n")
        let edited = builder.build()
        #expect(edited.succeeded)
        #expect(edited.indexDeferred)
        #expect(!edited.steps.contains { $0.name == "index" })
        #expect(try site.read("site/iom/iom-matematika.html").contains("взаимопосещении"), "the page is new at once")
        #expect(try !site.read("site/search/index.json").contains("взаимопосещ"), "the index is not yet in place")
        let index = try #require(cache.settle())
        #expect(index.problem == nil)
        #expect(index.scanned == 1)
        #expect(index.written.contains(SitePath("search/index.json")))
        #expect(try site.read("site/search/index.json").contains("взаимопосещ"))
        #expect(cache.settle() == nil, "settled once")
        // The files were swapped in: the old ones are gone, nothing is left beside them.
        let beside = try FileManager.default.subpathsOfDirectory(atPath: site.root.appending("site").value).filter { $0.contains(".tmp-") }
        #expect(beside.isEmpty, "\(beside)")

        site.expectAFreshBuild("settled")

        // A build started before the last index was settled settles it first.
        try site.write(path, try site.read(path) + "\nЕщё абзац о наставничестве.\n")
        #expect(builder.build().indexDeferred)
        try site.write(path, try site.read(path) + "\nИ ещё один о методических днях.\n")
        #expect(builder.build().succeeded)
        #expect(cache.settle() != nil)
        site.expectAFreshBuild("two rebuilds")

        // An index that cannot be written is reported, and written whole by the next rebuild.
        try site.write(path, try site.read(path) + "\nАбзац о самообразовании.\n")
        #expect(builder.build().indexDeferred)
        let fragments = site.output.appending("search/d")
        try FileManager.default.moveItem(atPath: fragments.value, toPath: fragments.value + ".away")
        try Data("не папка".utf8).write(to: fragments.url)
        let failed = try #require(cache.settle())
        #expect(failed.problem?.severity == .error)
        #expect(failed.problem?.message.contains("поисковый индекс не записан") == true)
        try FileManager.default.removeItem(atPath: fragments.value)
        try FileManager.default.moveItem(atPath: fragments.value + ".away", toPath: fragments.value)
        // A document gone meanwhile: its fragment, left from before, is removed all the same.
        try FileManager.default.removeItem(atPath: site.root.appending("content/roadmaps/karta.md").value)
        #expect(builder.build().succeeded)
        #expect(cache.settle()?.problem == nil)
        site.expectAFreshBuild("after a failed index")
    }

    /// A file's bytes do not name it: a copy of a document and a document moved to another file
    /// are indexed under their own ids and addresses, as a fresh build indexes them.
    @Test func aCopiedAndAMovedFileAreIndexedUnderTheirOwnNames() throws {
        let site = try TestSite(GraphPagesTests.files)
        defer { site.remove() }
        var builder = site.serveBuilder()
        builder.defersIndex = true
        #expect(builder.build().succeeded)
        let original = "content/iom/iom-matematika.md"
        try site.write("content/iom/iom-kopiya.md", try site.read(original))
        #expect(builder.build().succeeded)
        _ = builder.cache?.settle()
        site.expectAFreshBuild("copy")
        #expect(try site.read("site/search/index.json").contains("\"id\":\"iom-kopiya\""))

        try FileManager.default.moveItem(atPath: site.root.appending("content/iom/iom-kopiya.md").value,
                                         toPath: site.root.appending("content/iom/iom-vtoraya-kopiya.md").value)
        #expect(builder.build().succeeded)
        _ = builder.cache?.settle()
        site.expectAFreshBuild("move")
        #expect(try site.read("site/search/index.json").contains("\"url\":\"iom/iom-vtoraya-kopiya.html\""))
    }

    @Test func anAttachmentAddedLaterIsFoundWithoutEditingTheDocument() throws {
        var files = GraphPagesTests.files
        let path = "content/iom/iom-matematika.md"
        files[path] = files[path]!.replacingOccurrences(of: "title: ИОМ учителя математики\n", with: "title: ИОМ учителя математики\nattachments: [plan.pdf]\n")
        let site = try TestSite(files)
        defer { site.remove() }
        let builder = site.serveBuilder()
        #expect(builder.build().errors.count == 1, "the attachment is missing")
        try site.write("content/iom/plan.pdf", Data("%PDF-1.4".utf8))
        let fixed = builder.build()
        #expect(fixed.succeeded)
        #expect(try site.read("site/iom/iom-matematika.html").contains("plan.pdf"))
    }

    @Test func hiddenFilesAndFoldersOfContentAreSkipped() throws {
        var files = GraphPagesTests.files
        files["content/.obsidian/workspace.md"] = "не документ: в нём нет свойств"
        files["content/practices/.черновик.md"] = "---\ntitle: Черновик\n"
        let site = try TestSite(files)
        defer { site.remove() }
        let report = site.build()
        #expect(report.succeeded, "\(report.diagnostics)")
        #expect(report.documentCount == GraphPagesTests.files.keys.filter { $0.hasSuffix(".md") }.count)
    }

    /// A list page shows a card of each document of its type: a body edit leaves the cards as
    /// they were and the list is not rendered again; new tags change a card, and only that list
    /// is rendered again.
    @Test func aListPageIsRenderedAgainOnlyWhenItsCardsChange() throws {
        let site = try TestSite(GraphPagesTests.files)
        defer { site.remove() }
        let builder = site.serveBuilder()
        #expect(builder.build().succeeded)
        let path = "content/iom/iom-matematika.md"
        try site.write(path, try site.read(path) + "\nНовый абзац о наставничестве.\n")
        let bodyEdit = builder.build()
        try site.write(path, try site.read(path).replacingOccurrences(of: "title: ИОМ учителя математики\n", with: "title: ИОМ учителя математики\ntags: [геометрия]\n"))
        let tagsEdit = builder.build()
        #expect(bodyEdit.succeeded && tagsEdit.succeeded)
        #expect(tagsEdit.renderedPages == bodyEdit.renderedPages + 1, "the ИОМ list, besides what a body edit renders")
        #expect(try site.read("site/iom/index.html").contains("геометрия"))
    }

    /// A body that did not change keeps its broken link, but the suggestion for it follows the
    /// bank: serve reports what `check` reports.
    @Test func aBrokenLinksSuggestionFollowsNewDocuments() throws {
        var files = GraphPagesTests.files
        files["content/practices/ssylka.md"] = "---\ntitle: Практика со ссылкой\n---\nСм. [[praktika-nomer-1]].\n"
        let site = try TestSite(files)
        defer { site.remove() }
        let builder = site.serveBuilder()
        let first = builder.build()
        #expect(first.errors.count == 1)
        #expect(first.errors.map(\.message) == site.check().errors.map(\.message))

        try site.write("content/practices/praktika-nomer-11.md", "---\ntitle: Практика номер 11\n---\nТекст.\n")
        let second = builder.build()
        #expect(second.errors.map(\.message) == site.check().errors.map(\.message))
        #expect(second.errors.first?.message.contains("praktika-nomer-11") == true, "\(second.errors.map(\.message))")
    }

    /// serve writes a large file (`search/index.json`) beside the live one and puts it in place
    /// at the end; a rebuild that fails before then leaves nothing behind.
    @Test func aRebuildThatFailsToWriteLeavesNoTemporaryFiles() throws {
        let site = try TestSite(GraphPagesTests.files)
        defer { site.remove() }
        let builder = site.serveBuilder()
        #expect(builder.build().succeeded)
        // The page the edit changes cannot be replaced: a folder stands where it was.
        let page = site.root.appending("site/iom/iom-matematika.html").value
        try FileManager.default.removeItem(atPath: page)
        try FileManager.default.createDirectory(atPath: page + "/blocked", withIntermediateDirectories: true)
        let path = "content/iom/iom-matematika.md"
        try site.write(path, try site.read(path) + "\nНовый абзац о наставничестве.\n")
        let failed = builder.build()
        #expect(!failed.succeeded)
        let leftovers = try FileManager.default.subpathsOfDirectory(atPath: site.root.appending("site").value).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    @Test func aDeletedDocumentDisappearsFromTheLiveSite() throws {
        let site = try TestSite(GraphPagesTests.files)
        defer { site.remove() }
        let builder = site.serveBuilder()
        #expect(builder.build().succeeded)
        try FileManager.default.removeItem(atPath: site.root.appending("content/iom/iom-matematika.md").value)
        #expect(builder.build().succeeded)
        #expect(!FileManager.default.fileExists(atPath: site.root.appending("site/iom/iom-matematika.html").value))
    }
}

/// serve's rebuild decides which pages to render from their inputs; whatever is edited, the live
/// site must end up byte for byte what a fresh build of the same bank makes.
@Suite struct IncrementalEquivalenceTests {
    /// One edit of the sample bank: the file and how its text changes.
    struct Edit: CustomStringConvertible, Sendable {
        var description: String
        var file: String
        var change: @Sendable (String) -> String
    }

    static let edits: [Edit] = [
        Edit(description: "a deficit's title, shown on every page that names it", file: "content/deficits/nedostatochnoe-vladenie-ikt.md") {
            $0.replacingOccurrences(of: "\ntitle: ", with: "\ntitle: (изменено) ")
        },
        Edit(description: "a practice's revision date, shown in the lists on its deficits' pages", file: "content/practices/bank-metodicheskikh-materialov-qr.md") {
            $0.replacingOccurrences(of: "updated: 2025-04-21", with: "updated: 2026-01-15")
        },
        Edit(description: "a practice's summary", file: "content/practices/bank-metodicheskikh-materialov-qr.md") {
            $0.replacingOccurrences(of: "\nsummary: \"", with: "\nsummary: \"Кратко. ")
        },
        Edit(description: "a practice drops a deficit, which loses it from its page", file: "content/practices/bank-metodicheskikh-materialov-qr.md") {
            $0.replacingOccurrences(of: "deficits: [neumenie-organizovat-nastavnichestvo-i-iom, nedostatochnoe-vladenie-ikt]", with: "deficits: [neumenie-organizovat-nastavnichestvo-i-iom]")
        },
        Edit(description: "a new practice that names a deficit and links to a regulation", file: "content/practices/novaya-praktika.md") { _ in
            "---\ntitle: Новая практика\ndate: 2026-02-01\ndeficits: [nedostatochnoe-vladenie-ikt]\n---\nСм. [[polozhenie-o-rabote-s-molodymi-pedagogami]].\n"
        },
        Edit(description: "the site's title, on every page", file: "metodbank.yml") {
            $0.replacingOccurrences(of: "title: Методический банк", with: "title: Банк")
        },
        Edit(description: "the new practice is deleted again", file: "content/practices/novaya-praktika.md") { _ in "" },
    ]

    @Test func everyKindOfEditLeavesTheLiveSiteAsAFreshBuildMakesIt() throws {
        let bank = temporaryFolder("bank")
        defer { try? FileManager.default.removeItem(atPath: bank.value) }
        try FileManager.default.createDirectory(atPath: bank.value, withIntermediateDirectories: true)
        for item in ["content", "metodbank.yml"] {
            try FileManager.default.copyItem(atPath: repositoryRoot.appending(item).value, toPath: bank.appending(item).value)
        }
        var builder = SiteBuilder(siteRoot: bank)
        builder.cache = BuildCache()
        #expect(builder.build().succeeded)
        for edit in Self.edits {
            let file = bank.appending(edit.file)
            let old = (try? String(contentsOfFile: file.value, encoding: .utf8)) ?? ""
            let new = edit.change(old)
            if new.isEmpty {
                try FileManager.default.removeItem(atPath: file.value)
            } else {
                #expect(new != old, "the edit «\(edit)» must change the file")
                try new.write(toFile: file.value, atomically: false, encoding: .utf8)
            }
            let rebuild = builder.build()
            #expect(rebuild.succeeded, "\(edit): \(rebuild.errors)")
            #expect(!rebuild.rewritten.isEmpty, "\(edit)")

            let (clean, differing) = compareWithAFreshBuild(of: bank, live: bank.appending("site"))
            #expect(clean.succeeded)
            #expect(differing.isEmpty, "after «\(edit)» these files differ from a fresh build: \(differing.prefix(10))")
        }
    }
}

/// Random sequences of edits to a small bank, each followed by serve's rebuild: the live site is
/// byte for byte a fresh build of the same files, with the same problems reported.
/// `METODBANK_FUZZ_SEED` replays a run.
@Suite struct IncrementalFuzzTests {
    static let seed = UInt64(ProcessInfo.processInfo.environment["METODBANK_FUZZ_SEED"] ?? "") ?? 20261201
    static let ids = ["otsenivanie-rezultatov", "dolya-pedagogov", "polozhenie-o-nastavnichestve", "formiruyushchee-otsenivanie",
                      "iom-matematika", "karta", "net-takogo", "staryy-1"]

    @Test(arguments: 0..<8)
    func randomEditsKeepTheLiveSiteAFreshBuild(_ run: Int) throws {
        var state = Self.seed &+ UInt64(run) &* 0x9E37_79B9_7F4A_7C15
        func pick(_ count: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(count))
        }
        let site = try TestSite(GraphPagesTests.files)
        defer { site.remove() }
        var builder = site.serveBuilder()
        // Half the runs as serve itself rebuilds: the pages first, the search index when settled.
        builder.defersIndex = run % 2 == 0
        _ = builder.build()
        // A document that does not exist yet, one letter away from a missing id that links name.
        let newcomer = "content/practices/net-takog.md"
        let paths = GraphPagesTests.files.keys.filter { $0.hasSuffix(".md") }.sorted() + [newcomer]
        var removed: [String: String] = [newcomer: "---\ntitle: Новая практика\n---\nТекст.\n"]
        for step in 0..<12 {
            let path = paths[pick(paths.count)]
            var text = try removed[path] ?? site.read(path)
            let edit: String
            switch pick(6) {
            case 0:
                edit = "title"
                text = text.replacingOccurrences(of: "\ntitle: ", with: "\ntitle: Новое ")
            case 1:
                edit = "body"
                text += "\nАбзац \(step) о наставничестве.\n"
            case 2:
                let target = Self.ids[pick(Self.ids.count)]
                edit = "link to \(target)"
                text += "\nСм. [[\(target)]].\n"
            case 3:
                edit = "former id"
                text = text.replacingOccurrences(of: "---\ntitle:", with: "---\naliases: [staryy-\(step % 2)]\ntitle:")
            case 4:
                edit = "delete"
            default:
                edit = "restore"
            }
            if edit == "delete" {
                if removed[path] == nil { removed[path] = text }
                try? FileManager.default.removeItem(atPath: site.root.appending(path).value)
            } else {
                removed[path] = nil
                try site.write(path, text)
            }
            var live = builder.build()
            if let problem = builder.cache?.settle()?.problem { live.diagnostics.append(problem) }
            let (clean, different) = site.compareWithAFreshBuild()
            let context = "seed \(Self.seed) run \(run) step \(step): \(edit), \(path)"
            #expect(live.diagnostics.map(\.description) == clean.diagnostics.map(\.description), "\(context)")
            if live.succeeded, clean.succeeded {
                #expect(different.isEmpty, "\(context): \(different)")
            }
        }
    }
}
