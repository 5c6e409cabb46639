import Foundation
import MetodContent
import MetodCore
import Mustache

struct RenderProblem: Error {
    var template: String
    var message: String
}

/// Renders every page of the site through the theme's templates.
struct PageRenderer: Sendable {
    let siteRoot: FilePath
    let config: SiteConfig
    let graph: ContentGraph
    let theme: Theme
    let library: MustacheLibrary
    var qrCodes: [String] = []
    var handouts: [(HandoutRequest, [Int])] = []
    var cache: BuildCache?
    /// With `cache`, `DecodeCache.bytesHashes(of: graph.documents)`.
    var bytesHashes: [Int?]?
    /// Contexts are rendered with plain strings (`Context.withPlainStrings`): the theme names
    /// partials by values.
    let plainStrings: Bool
    /// The site's header and footer, rendered once per frame for all the pages of this build.
    let frame = SiteFrame()
    /// The lines of «mentioned by» lists, rendered once per document for all the pages of this build.
    let mentions = MentionLines()

    /// serve's rebuilds (with a cache) render only the pages whose inputs changed.
    var models: PageModels { PageModels(config: config, graph: graph, qrCodes: qrCodes, rendersAllPages: cache == nil) }

    func render(_ template: String, _ context: Context) throws -> Data {
        guard library.getTemplate(named: template) != nil else {
            throw RenderProblem(template: "templates/\(template).mustache", message: "в теме нет шаблона «\(template)»")
        }
        var context = context
        frame.add(to: &context, library: library, plainStrings: plainStrings)
        let text = library.render(context, template: template, plainStrings: plainStrings)
        return Data(text.utf8)
    }

    /// A document page's values, with the lines of its «mentioned by» list made once per
    /// document for the whole site (`MentionLines`).
    private func documentPage(_ index: Int, models: PageModels) -> Context {
        var context = models.document(index)
        context.put("mentionedByItems", mentions.lines(of: models.mentions(of: index), on: graph.sitePaths[index], models: models, library: library, plainStrings: plainStrings))
        return context
    }

    /// Hands one page to `output`: serve's copy when the page's inputs (`fingerprint`) are those it
    /// was rendered from, otherwise freshly rendered (and kept, with a fingerprint).
    private func emitPage(_ path: SitePath, fingerprint: Int?, into output: SiteOutput, render make: () throws -> Data) rethrows {
        if let cache, let fingerprint, let page = cache.page(path, fingerprint: fingerprint) {
            return output.add(path, page.data, hash: page.hash)
        }
        try renderPage(path, fingerprint: fingerprint, into: output, render: make)
    }

    /// Renders a page serve does not have and hands it to `output`; serve keeps it with its fingerprint.
    private func renderPage(_ path: SitePath, fingerprint: Int?, into output: SiteOutput, render make: () throws -> Data) rethrows {
        let data = try make()
        guard let cache, let fingerprint else { return output.add(path, data, rendered: true) }
        let hash = ContentHash.of(data)
        cache.store(data, hash: hash, for: path, fingerprint: fingerprint)
        output.add(path, data, rendered: true, hash: hash)
    }

    /// The scripts behind short addresses (`p/N.js`): serve keeps them while every code leads
    /// to the same address.
    private func emitPermalinkTables(_ models: PageModels, fingerprint: Int?, into output: SiteOutput) {
        if let cache, let fingerprint {
            let paths = Set(graph.permalinks.entries.map { Permalinks.table(of: $0.code) }).sorted()
            let kept = paths.compactMap { path in cache.page(path, fingerprint: fingerprint).map { (path, $0) } }
            if kept.count == paths.count {
                return kept.forEach { output.add($0.0, $0.1.data, hash: $0.1.hash) }
            }
        }
        let tables = models.permalinkTables()
        guard let cache, let fingerprint else { return tables.forEach { output.add($0.0, $0.1) } }
        for (path, data) in tables {
            let hash = ContentHash.of(data)
            cache.store(data, hash: hash, for: path, fingerprint: fingerprint)
            output.add(path, data, hash: hash)
        }
    }

    /// Renders every page and hands it to `output` as soon as it is made.
    func renderAll(into output: SiteOutput) throws {
        let models = self.models
        var indexable: [SitePath] = []
        func emit(_ path: SitePath, _ template: String, _ context: Context) throws {
            output.add(path, try render(template, context), rendered: true)
            indexable.append(path)
        }
        try emit(PageModels.homePath, "home", models.home())
        try emit(PageModels.coveragePath, "coverage", models.coverage())
        try emit(PageModels.notFoundPath, "404", models.notFound())
        try emit(PageModels.whatsNewPath, "whats-new", models.whatsNew())
        try emit(PageModels.searchPath, "search", models.search())
        guard library.getTemplate(named: "document") != nil else {
            throw RenderProblem(template: "templates/document.mustache", message: "в теме нет шаблона «document»")
        }
        let inputs = cache.map { PageInputs(graph: graph, config: config, qrCodes: qrCodes, meta: { [models] in models.cardMeta($0) }, memo: $0.cards) }
        // A list page is a function of its documents' cards: serve keeps it while they are unchanged.
        let listFingerprints = inputs?.fingerprintsOfLists
        for type in DocumentType.allCases {
            let path = PageModels.listPath(type)
            indexable.append(path)
            let fingerprint = listFingerprints?[type]
            try emitPage(path, fingerprint: fingerprint, into: output) { try render("list", models.list(type)) }
        }
        // Pages with the longest lists first: the page of a deficit lists hundreds of documents
        // and renders a hundred times longer than most. Left in path order, they shared one
        // chunk of work, which one core was still rendering after the other had finished.
        let lengths = graph.backReferences.map { $0.count }
        let heaviestFirst = graph.documents.indices.sorted { a, b in
            lengths[a] != lengths[b] ? lengths[a] > lengths[b] : a < b
        }
        // A page is a function of its inputs and the theme: unchanged inputs, unchanged page.
        // A QR sheet's selection can take in any document, so sheets are always rendered.
        // Every fingerprint is made on all cores; serve's kept pages are then looked up and
        // handed on all at once, under one lock each (per page, the two lookups were about 3 % of
        // a rebuild's processor time on 10,000 documents).
        let fingerprints: [Int?] = inputs.map { inputs in
            graph.documents.indices.parallelMap { index -> Int? in
                guard graph.documents[index].type != .handout, let bytes = bytesHashes?[index] else { return nil }
                return inputs.fingerprint(of: index, bytes: bytes)
            }
        } ?? []
        let kept = cache?.pages(graph.sitePaths, fingerprints: fingerprints) ?? []
        output.add(kept: kept.indices.compactMap { index in kept[index].map { (graph.sitePaths[index], $0.data, $0.hash) } })
        indexable += graph.sitePaths
        indexable += handouts.map { $0.0.path }
        // The rest of the site is made on a thread of its own while the documents' pages are
        // rendered. Made after them, the short-address tables and the sitemap kept one core busy
        // for about 0.1 s at the end of a 10,000-document build, with nothing left for the other.
        let rest = Background(ownThread: true) { [indexable] in
            Result { try renderRest(models, inputs: inputs, indexable: indexable, into: output) }
        }
        heaviestFirst.filter { kept.isEmpty || kept[$0] == nil }.parallelForEach { index in
            renderPage(graph.sitePaths[index], fingerprint: fingerprints.isEmpty ? nil : fingerprints[index], into: output) {
                (try? render("document", documentPage(index, models: models))) ?? Data()
            }
        }
        try rest.value.get()
    }

    /// The pages and files after the documents' pages: handout sheets, redirects, the short
    /// addresses' page and tables, the sitemap and feed, the theme's assets, published files.
    private func renderRest(_ models: PageModels, inputs: PageInputs?, indexable: [SitePath], into output: SiteOutput) throws {
        for (request, documents) in handouts {
            output.add(request.path, try render("handout", models.handout(request, documents: documents)), rendered: true)
        }
        // Redirect pages (former ids, short addresses) stay out of the sitemap.
        for (alias, index) in graph.aliases {
            let path = PageModels.redirectPath(alias: alias, type: graph.documents[index].type)
            try emitPage(path, fingerprint: inputs?.fingerprint(ofRedirect: path, to: index), into: output) {
                try render("redirect", models.redirect(from: path, to: index).1)
            }
        }
        try emitPage(Permalinks.page, fingerprint: inputs?.fingerprint(of: Permalinks.page), into: output) {
            try render("permalink", models.permalinkPage())
        }
        emitPermalinkTables(models, fingerprint: inputs?.permalinksFingerprint, into: output)
        if let base = config.baseURL {
            let sitemap = SitePath("sitemap.xml")
            try emitPage(sitemap, fingerprint: inputs?.fingerprint(ofSitemap: indexable), into: output) {
                try render("sitemap.xml", models.sitemap(pages: indexable, base: base))
            }
            output.add(SitePath("feed.xml"), try render("feed.xml", models.feed(base: base)), rendered: true)
        }
        for (name, data) in theme.assets.sorted(by: { $0.key < $1.key }) {
            output.add(SitePath("assets/\(name)"), data)
        }
        for file in graph.publishedFiles {
            let source = siteRoot.appending(file.path.value)
            guard let data = FileManager.default.contents(atPath: source.value) else {
                throw RenderProblem(template: file.path.value, message: "не удалось прочитать файл")
            }
            output.add(ContentGraph.sitePath(of: file.path), data)
        }
    }
}
