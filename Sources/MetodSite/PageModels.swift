import Foundation
import MetodContent
import MetodCore
import MetodMarkdown

/// Builds the template contexts of every page from the graph; all links relative to `page`.
struct PageModels: Sendable {
    let config: SiteConfig
    let graph: ContentGraph
    /// Print QR code (SVG) of each document, parallel to `graph.documents`; empty without `base_url`.
    var qrCodes: [String] = []
    /// What every link to a document shows, made once per document, not once per link; empty
    /// when few pages are rendered (serve's rebuilds), which make each link's parts as needed.
    private let linkParts: [LinkParts]
    /// The menu of a page, by its depth and the section it belongs to: the same for all pages of a section.
    private let menus: Menus
    /// `Document.revised` of each document, read once for the three pages of latest revisions.
    private let revised: [DocumentDate?]

    init(config: SiteConfig, graph: ContentGraph, qrCodes: [String] = [], rendersAllPages: Bool = true) {
        self.config = config
        self.graph = graph
        self.qrCodes = qrCodes
        let documents = graph.documents
        linkParts = rendersAllPages ? documents.indices.parallelMap { Self.linkParts(of: documents, $0) } : []
        revised = documents.indices.map { documents[$0].revised }
        menus = Menus(byDepth: (0...Self.menuDepths).map { depth in
            let page = SitePath(String(repeating: "x/", count: depth) + "x.html")
            return ([nil] + DocumentType.allCases).map { Self.menu(page, section: $0) }
        })
    }

    /// Never changed once made, so shared by the threads that render pages.
    private final class Menus: @unchecked Sendable {
        let byDepth: [[[Context]]]
        init(byDepth: [[[Context]]]) { self.byDepth = byDepth }
    }

    private struct LinkParts {
        let title: Text
        let type: Text
        let summary: Text
        let date: Text
    }

    /// Field by field: a copy of the whole `Document` per link showed in profiles.
    private static func linkParts(of documents: [Document], _ index: Int) -> LinkParts {
        LinkParts(
            title: Text(documents[index].title), type: Text(documents[index].type.singularName),
            summary: Context.text(documents[index].summary), date: Context.text(documents[index].revised?.russian))
    }

    static let homePath = SitePath("index.html")
    static let coveragePath = SitePath("coverage.html")
    static let notFoundPath = SitePath("404.html")
    static let whatsNewPath = SitePath("whats-new.html")
    static let searchPath = SitePath("search/index.html")
    static let stylesheet = SitePath("assets/style.css")

    static func listPath(_ type: DocumentType) -> SitePath { SitePath("\(type.folder)/index.html") }

    // MARK: Frame

    func frame(_ page: SitePath, title: String, section: DocumentType? = nil, description: String? = nil, isHome: Bool = false) -> Context {
        var context: Context = [
            "lang": config.language,
            "siteTitle": config.title,
            "pageTitle": title,
            "root": page.rootPrefix,
            "stylesheet": page.link(to: Self.stylesheet),
            "homeURL": page.link(to: Self.homePath),
            "coverageURL": page.link(to: Self.coveragePath),
            "whatsNewURL": page.link(to: Self.whatsNewPath),
            "searchURL": page.link(to: Self.searchPath),
            "searchScript": page.link(to: SitePath("assets/js/search-ui.js")),
        ]
        context.put("description", description)
        context.put("section", section?.folder)
        // Stored even when false: a name a context lacks is looked up in the enclosing ones.
        context["isHome"] = isHome
        context["isSearch"] = false
        let depth = page.depth
        context["nav"] = depth <= Self.menuDepths
            ? menus.byDepth[depth][section.map { DocumentType.allCases.firstIndex(of: $0)! + 1 } ?? 0]
            : Self.menu(page, section: section)
        if let base = config.baseURL, page != Self.notFoundPath {
            context["canonical"] = base + page.value
        }
        return context
    }

    /// Pages are at most this deep in the usual site (`p/` and the type folders are one deep).
    private static let menuDepths = 3

    private static func menu(_ page: SitePath, section: DocumentType?) -> [Context] {
        DocumentType.allCases.map { type -> Context in
            ["title": navTitle(type), "url": page.link(to: listPath(type)), "current": type == section]
        }
    }

    static func navTitle(_ type: DocumentType) -> String {
        switch type {
        case .practice: "Практики"
        case .mentoring: "Наставничество"
        case .iom: "ИОМ"
        case .regulation: "Положения"
        case .roadmap: "Дорожные карты"
        case .deficit: "Дефициты"
        case .indicator: "Показатели"
        case .handout: "QR-листы"
        }
    }

    // MARK: Pieces

    func link(from page: SitePath, to index: Int) -> Context {
        let parts = linkParts.isEmpty ? Self.linkParts(of: graph.documents, index) : linkParts[index]
        return Context(names: Self.linkNames, storedValues: [
            parts.title, Text(page.link(to: graph.sitePaths[index])), parts.type, parts.summary, parts.date,
        ])
    }

    private static let linkNames = ["title", "url", "type", "summary", "date"]

    func links(from page: SitePath, ids: [String]) -> [Any] {
        ids.compactMap { id in graph.document(id: id).map { link(from: page, to: $0) } }
    }

    /// One entry of a list page or of «recently updated».
    func card(from page: SitePath, index: Int) -> Context {
        var card = link(from: page, to: index)
        card.put("meta", cardMeta(index))
        card.put("tags", graph.documents[index].tags.map { ["tag": $0] as Context })
        return card
    }

    /// The line of facts under a card's title: levels and subjects, form, position, status…
    func cardMeta(_ index: Int) -> String {
        var meta: [String] = []
        switch graph.documents[index].details {
        case .practice(let p):
            meta += [p.levels.joined(separator: ", "), p.subjects.joined(separator: ", "), p.format ?? ""]
        case .mentoring(let m): meta += [m.form, m.duration ?? ""]
        case .iom(let i): meta += [i.teacher.position ?? "", i.teacher.category ?? ""]
        case .regulation(let r): meta += [r.status]
        case .roadmap(let r): meta += [period(r) ?? "", r.level ?? "", r.organization ?? ""]
        case .deficit(let d): meta += [d.group]
        case .indicator(let i): meta += ["единица: \(i.unit)"]
        case .handout: break
        }
        return meta.filter { !$0.isEmpty }.joined(separator: " · ")
    }

    func period(_ roadmap: Roadmap) -> String? {
        switch (roadmap.periodFrom, roadmap.periodTo) {
        case let (from?, to?): "\(from)–\(to)"
        case let (from?, nil): "с \(from)"
        case let (nil, to?): "до \(to)"
        default: nil
        }
    }

    // MARK: Pages

    func home() -> Context {
        let page = Self.homePath
        var context = frame(page, title: config.title, description: "Банк методических материалов: практики, программы наставничества, ИОМ, положения и дорожные карты", isHome: true)
        context["types"] = DocumentType.allCases.map { type -> Context in
            let count = graph.documents(of: type).count
            return ["title": type.pluralName, "url": page.link(to: Self.listPath(type)), "count": Format.plural(count, "документ", "документа", "документов")]
        }
        context["deficitGroups"] = deficitGroups(from: page)
        let recent = recentlyRevised(10) { $0 != .deficit && $0 != .indicator }
        context.put("recent", recent.map { card(from: page, index: $0) })
        return context
    }

    /// Deficits grouped as in the diagnostics, each with how many documents address it.
    func deficitGroups(from page: SitePath) -> [Any] {
        let deficits = graph.documents(of: .deficit)
        return Deficit.allowedGroups.compactMap { group -> Context? in
            let members = deficits.filter {
                if case .deficit(let d) = graph.documents[$0].details { return d.group == group }
                return false
            }
            guard !members.isEmpty else { return nil }
            return [
                "group": group.prefix(1).uppercased() + group.dropFirst(),
                "deficits": members.map { i -> Context in
                    var item = link(from: page, to: i)
                    item["count"] = graph.backReferences[i].filter { $0.role == .deficit }.count
                    return item
                },
            ]
        }
    }

    func list(_ type: DocumentType) -> Context {
        let page = Self.listPath(type)
        var context = frame(page, title: type.pluralName, section: type)
        let members = graph.documents(of: type).sorted {
            (graph.documents[$0].title, graph.documents[$0].id) < (graph.documents[$1].title, graph.documents[$1].id)
        }
        context.put("items", members.map { card(from: page, index: $0) })
        context["count"] = Format.plural(members.count, "документ", "документа", "документов")
        return context
    }

    func coverage() -> Context {
        let page = Self.coveragePath
        var context = frame(page, title: "Покрытие дефицитов")
        let columns: [DocumentType] = [.practice, .mentoring, .iom]
        context["columns"] = columns.map { ["title": Self.navTitle($0)] as Context }
        var empty = 0
        let rows = graph.documents(of: .deficit).map { i -> Context in
            var row = link(from: page, to: i)
            let addressing = graph.backReferences[i].filter { $0.role == .deficit }
            var total = 0
            row["cells"] = columns.map { type -> Context in
                let count = addressing.filter { graph.documents[$0.source].type == type }.count
                total += count
                if count == 0 { empty += 1 }
                return count == 0 ? ["count": 0, "empty": true] : ["count": count]
            }
            row["total"] = total
            if total == 0 { row["uncovered"] = true }
            if case .deficit(let d) = graph.documents[i].details { row["group"] = d.group }
            return row
        }
        context.put("rows", rows)
        context["emptyCells"] = empty
        return context
    }

    /// The `limit` documents revised last (of those `include` takes), newest first; ids break ties.
    func recentlyRevised(_ limit: Int, where include: (DocumentType) -> Bool = { _ in true }) -> [Int] {
        // The latest `limit` of 10,000 documents are picked in one pass, not by sorting them
        // all (which serve did three times on every rebuild). Ids are read only for equal dates.
        func before(_ a: Int, _ b: Int) -> Bool {
            revised[a]! != revised[b]! ? revised[a]! > revised[b]! : graph.documents[a].id < graph.documents[b].id
        }
        var latest: [Int] = []
        for index in graph.documents.indices where revised[index] != nil && include(graph.documents[index].type) {
            if latest.count == limit, !before(index, latest[limit - 1]) { continue }
            var low = 0
            var high = latest.count
            while low < high {
                let middle = (low + high) / 2
                if before(latest[middle], index) { low = middle + 1 } else { high = middle }
            }
            latest.insert(index, at: low)
            if latest.count > limit { latest.removeLast() }
        }
        return latest
    }

    /// «Что нового»: the 50 latest revisions, grouped by date.
    func whatsNew() -> Context {
        let page = Self.whatsNewPath
        var context = frame(page, title: "Что нового")
        var days: [Context] = []
        var currentDate: DocumentDate?
        var items: [Any] = []
        for index in recentlyRevised(50) {
            let date = graph.documents[index].revised!
            if date != currentDate {
                if let currentDate { days.append(["date": currentDate.russian, "items": items]) }
                currentDate = date
                items = []
            }
            var item = link(from: page, to: index)
            let document = graph.documents[index]
            item["change"] = document.date == date ? "новый документ" : "обновлён"
            items.append(item)
        }
        if let currentDate { days.append(["date": currentDate.russian, "items": items]) }
        context.put("days", days)
        return context
    }

    func search() -> Context {
        var context = frame(Self.searchPath, title: "Поиск", description: "Поиск по банку методических материалов")
        context["isSearch"] = true
        return context
    }

    func notFound() -> Context {
        frame(Self.notFoundPath, title: "Страница не найдена")
    }

    func redirect(alias: String, to index: Int) -> (SitePath, Context) {
        redirect(from: Self.redirectPath(alias: alias, type: graph.documents[index].type), to: index)
    }

    /// Where a former id's page is: beside the pages of its document's type.
    static func redirectPath(alias: String, type: DocumentType) -> SitePath {
        SitePath("\(type.folder)/\(alias).html")
    }

    /// A page that sends the reader on to a document: meta refresh, script and a visible link,
    /// so it works from disk, on any web server and with scripts off.
    func redirect(from page: SitePath, to index: Int) -> (SitePath, Context) {
        let document = graph.documents[index]
        var context = frame(page, title: document.title)
        let target = page.link(to: graph.sitePaths[index])
        context["target"] = target
        context["targetJS"] = Escape.jsString(target)
        return (page, context)
    }

    /// The page behind every short address: it reads the code and loads its table.
    func permalinkPage() -> Context {
        var context = frame(Permalinks.page, title: "Переход по короткому адресу")
        context["script"] = Permalinks.page.link(to: SitePath("assets/js/permalink.js"))
        return context
    }

    /// The tables of short addresses, one script per first character of the code:
    /// `metodbankPermalinks["k7x2"] = "../practices/x.html"`.
    func permalinkTables() -> [(SitePath, Data)] {
        var tables: [SitePath: String] = [:]
        for entry in graph.permalinks.entries {
            let target = Permalinks.page.link(to: graph.sitePaths[entry.document])
            tables[Permalinks.table(of: entry.code), default: "var t = window.metodbankPermalinks = window.metodbankPermalinks || {};\n"]
                += "t[\(Escape.jsString(entry.code))] = \(Escape.jsString(target));\n"
        }
        return tables.keys.sorted().map { ($0, Data(tables[$0]!.utf8)) }
    }

    /// The short address of a document as printed: `https://bank/p/?k7x2`.
    func shortURL(of index: Int) -> String? {
        guard let base = config.baseURL, let code = graph.permalinks.code(of: index) else { return nil }
        return base + Permalinks.path(of: code)
    }
}
