import MetodContent
import MetodCore

extension PageModels {
    /// `sitemap.xml`: every page under the canonical address (only with `base_url`).
    func sitemap(pages: [SitePath], base: String) -> Context {
        let urls = pages.filter { $0.value.hasSuffix(".html") && $0 != Self.notFoundPath }.sorted().map { page -> Context in
            var url: Context = ["loc": base + page.value]
            if page.value.hasSuffix("/index.html") || page == Self.homePath {
                url["loc"] = base + String(page.value.dropLast("index.html".count))
            }
            return url
        }
        return ["urls": urls]
    }

    /// An Atom feed of the 50 most recently revised documents.
    func feed(base: String) -> Context {
        let dated = recentlyRevised(50)
        let entries = dated.map { i -> Context in
            let document = graph.documents[i]
            var entry: Context = [
                "title": document.title,
                "url": base + graph.sitePaths[i].value,
                "updated": "\(document.revised!)T00:00:00Z",
                "type": document.type.singularName,
            ]
            entry.put("summary", document.summary)
            return entry
        }
        let updated = dated.first.map { "\(graph.documents[$0].revised!)T00:00:00Z" } ?? "2000-01-01T00:00:00Z"
        return ["title": config.title, "base": base, "feedURL": base + "feed.xml", "updated": updated, "entries": entries]
    }
}
