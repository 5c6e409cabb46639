import Foundation
import MetodContent
import MetodCore
import Mustache

/// A file of the generated site, rendered or copied.
struct SiteFile: Sendable {
    enum Source: Sendable {
        case bytes(Data)
        case copy(FilePath)
    }

    var path: SitePath
    var source: Source
    /// False for a page taken unchanged from the build cache.
    var rendered = true

    func data() throws -> Data {
        switch source {
        case .bytes(let data): data
        case .copy(let file): try Data(contentsOf: file.url)
        }
    }
}

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

    var models: PageModels { PageModels(config: config, graph: graph, qrCodes: qrCodes) }

    func render(_ template: String, _ context: Context) throws -> Data {
        guard library.getTemplate(named: template) != nil else {
            throw RenderProblem(template: "templates/\(template).mustache", message: "в теме нет шаблона «\(template)»")
        }
        let text = library.render(context, withTemplate: template) ?? ""
        return Data(text.utf8)
    }

    func renderAll() throws -> [SiteFile] {
        let models = self.models
        var files: [SiteFile] = []
        files.append(SiteFile(path: PageModels.homePath, source: .bytes(try render("home", models.home()))))
        files.append(SiteFile(path: PageModels.coveragePath, source: .bytes(try render("coverage", models.coverage()))))
        files.append(SiteFile(path: PageModels.notFoundPath, source: .bytes(try render("404", models.notFound()))))
        files.append(SiteFile(path: PageModels.whatsNewPath, source: .bytes(try render("whats-new", models.whatsNew()))))
        files.append(SiteFile(path: PageModels.searchPath, source: .bytes(try render("search", models.search()))))
        for type in DocumentType.allCases {
            files.append(SiteFile(path: PageModels.listPath(type), source: .bytes(try render("list", models.list(type)))))
        }
        guard library.getTemplate(named: "document") != nil else {
            throw RenderProblem(template: "templates/document.mustache", message: "в теме нет шаблона «document»")
        }
        cache?.useTheme(theme.fingerprint)
        let documents = graph.documents.indices.parallelMap { index -> SiteFile in
            let path = graph.documents[index].sitePath
            let context = models.document(index)
            // The page is a function of its context and the theme: an unchanged context is not re-rendered.
            let fingerprint = cache.map { _ in ContextFingerprint.of(context) }
            if let cache, let fingerprint, let data = cache.page(path, fingerprint: fingerprint) {
                return SiteFile(path: path, source: .bytes(data), rendered: false)
            }
            let data = (try? render("document", context)) ?? Data()
            if let cache, let fingerprint { cache.store(data, for: path, fingerprint: fingerprint) }
            return SiteFile(path: path, source: .bytes(data))
        }
        files += documents
        for (request, documents) in handouts {
            files.append(SiteFile(path: request.path, source: .bytes(try render("handout", models.handout(request, documents: documents)))))
        }
        // Redirect pages (former ids, short addresses) stay out of the sitemap.
        let indexable = files.map(\.path)
        for (alias, index) in graph.aliases {
            let (path, context) = models.redirect(alias: alias, to: index)
            files.append(SiteFile(path: path, source: .bytes(try render("redirect", context))))
        }
        for entry in graph.permalinks.entries {
            let (path, context) = models.redirect(from: Permalinks.file(of: entry.code), to: entry.document)
            files.append(SiteFile(path: path, source: .bytes(try render("redirect", context))))
        }
        if let base = config.baseURL {
            files.append(SiteFile(path: SitePath("sitemap.xml"), source: .bytes(try render("sitemap.xml", models.sitemap(pages: indexable, base: base)))))
            files.append(SiteFile(path: SitePath("feed.xml"), source: .bytes(try render("feed.xml", models.feed(base: base)))))
        }
        for (name, data) in theme.assets.sorted(by: { $0.key < $1.key }) {
            files.append(SiteFile(path: SitePath("assets/\(name)"), source: .bytes(data)))
        }
        for file in graph.publishedFiles {
            files.append(SiteFile(path: ContentGraph.sitePath(of: file.path), source: .copy(siteRoot.appending(file.path.value))))
        }
        return files
    }
}
