import Foundation
import MetodCore
import Testing
@testable import MetodSite

/// The search as the built site carries it: the index files, the box on every page, the page.
@Suite struct SearchSiteTests {
    static let files: [String: String] = TestSite.basics.merging([
        "content/practices/nastavnik.md": """
        ---
        title: Наставник молодого педагога
        summary: Первая встреча с ИОМ.
        level: [ООО]
        subjects: [математика]
        tags: [наставничество]
        deficits: [otsenivanie-rezultatov]
        indicators: [dolya-pedagogov]
        ---
        ## Первая встреча

        | Этап | Срок |
        |---|---|
        | Знакомство | сентябрь |
        """,
        "content/mentoring/programma.md": """
        ---
        title: Программа наставничества
        form: педагог–молодой специалист
        roles:
          - {role: Наставник, description: Опытный учитель}
        deficits: [otsenivanie-rezultatov]
        ---
        Текст программы.
        """,
    ]) { new, _ in new }

    @Test func theBuildWritesTheIndexAsANamedStep() throws {
        let site = try TestSite(Self.files)
        defer { site.remove() }
        let report = site.build()
        #expect(report.succeeded, "\(report.diagnostics)")
        #expect(report.steps.map(\.name).contains("index"))
        let names = report.steps.map(\.name)
        #expect(names.firstIndex(of: "index")! < names.firstIndex(of: "write")!)

        let json = try #require(try JSONSerialization.jsonObject(with: Data(try site.read("site/search/index.json").utf8)) as? [String: Any])
        let documents = try #require(json["documents"] as? [[String: Any]])
        #expect(documents.count == 5)
        let practice = try #require(documents.first { $0["id"] as? String == "nastavnik" })
        #expect(practice["url"] as? String == "practices/nastavnik.html")
        #expect(practice["type"] as? String == "practice")
        let facets = try #require(practice["facets"] as? [String: [String]])
        #expect(facets["deficit"] == ["otsenivanie-rezultatov"])
        #expect(facets["indicator"] == ["dolya-pedagogov"])
        #expect(facets["level"] == ["ООО"])
        #expect(facets["subject"] == ["математика"])
        let terms = try #require(json["terms"] as? [String: Any])
        // Fields of every kind reach the index: a table cell of the body, the title of a
        // referenced deficit, a role from the front matter, a tag.
        for term in ["знакомств", "затруднен", "опытн", "наставничеств", "иом"] {
            #expect(terms[term] != nil, "no term \(term)")
        }
        let meta = try site.read("site/search/meta.js")
        #expect(meta.hasPrefix("metodbankSearch.receive(\"meta\","))
        #expect(meta.contains("{\"name\":\"deficit\",\"label\":\"Дефицит\",\"values\":[[\"otsenivanie-rezultatov\",\"Затруднения в оценивании результатов\"]]}"))
        for n in 0..<5 {
            let fragment = try site.read("site/search/d/0/\(n).js")
            #expect(fragment.hasPrefix("metodbankSearch.receive(\"d\(n)\","))
        }
    }

    @Test func everyPageHasTheSearchBoxAndTheSearchPageReadsTheAddress() throws {
        let site = try TestSite(Self.files)
        defer { site.remove() }
        #expect(site.build().succeeded)
        let document = try site.read("site/practices/nastavnik.html")
        #expect(document.contains("<form id=\"site-search\" class=\"site-search\" role=\"search\" action=\"../search/index.html\" method=\"get\" data-root=\"../\">"))
        #expect(document.contains("<script src=\"../assets/js/search-ui.js\" defer></script>"))
        #expect(document.contains("<link rel=\"stylesheet\" href=\"../assets/search.css\">"))
        let home = try site.read("site/index.html")
        #expect(home.contains("action=\"search/index.html\""))
        let page = try site.read("site/search/index.html")
        #expect(page.contains("data-search-page data-root=\"../\""))
        #expect(page.contains("<form class=\"search-form\" role=\"search\" action=\"index.html\" method=\"get\">"))
        #expect(!page.contains("id=\"site-search\""), "the search page has its own box, not the header's")
        for asset in ["assets/js/search-ui.js", "assets/js/search-core.js", "assets/js/stemmer-ru.js", "assets/js/stemmer-en.js", "assets/search.css"] {
            #expect(FileManager.default.fileExists(atPath: site.root.appending("site/\(asset)").value), "\(asset)")
        }
    }

    @Test func fragmentLinksNameExistingPages() throws {
        let output = temporaryFolder("search-links")
        defer { try? FileManager.default.removeItem(atPath: output.value) }
        #expect(SiteBuilder(siteRoot: repositoryRoot, output: output).build().succeeded)
        let files = snapshot(of: output)
        let fragments = files.keys.filter { $0.hasPrefix("search/d/") }
        let index = try #require(try JSONSerialization.jsonObject(with: files["search/index.json"]!) as? [String: Any])
        #expect(fragments.count == (index["documents"] as? [Any])?.count)
        #expect(fragments.count >= 60)
        for path in fragments {
            let text = String(decoding: files[path]!, as: UTF8.self)
            let json = text.drop { $0 != "{" }.dropLast(3)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            let url = try #require(object["u"] as? String)
            #expect(files[url] != nil, "\(path) links to missing \(url)")
        }
    }
}
