import MetodContent
import MetodCore
import MetodQR

/// The printed QR code of every document: its short address under `base_url`.
enum QRCodes {
    /// One SVG per document (parallel to `graph.documents`); none without `base_url`.
    /// With a `cache` (serve), a code already drawn for the same address and level is reused.
    static func make(for graph: ContentGraph, config: SiteConfig, cache: QRCache? = nil) -> [String] {
        guard let base = config.baseURL else { return [] }
        let correction = QRErrorCorrection(rawValue: config.qrLevel) ?? .medium
        // The same short codes in the same order (the usual rebuild): the same drawings.
        var key = Hasher()
        key.combineText(base)
        key.combineText(config.qrLevel)
        for index in graph.documents.indices { key.combineText(graph.permalinks.code(of: index) ?? "") }
        let listKey = key.finalize()
        if let cache, cache.list?.key == listKey { return cache.list!.codes }
        let known = cache?.codes ?? [:]
        let codes = graph.documents.indices.parallelMap { index -> (url: String, svg: String) in
            guard let code = graph.permalinks.code(of: index) else { return ("", "") }
            let url = base + Permalinks.path(of: code)
            if let svg = known["\(correction)|\(url)"] { return (url, svg) }
            return (url, (try? QRCode(encoding: url, correction: correction).svg(title: url)) ?? "")
        }
        cache?.codes = Dictionary(codes.map { ("\(correction)|\($0.url)", $0.svg) }, uniquingKeysWith: { first, _ in first })
        let svgs = codes.map(\.svg)
        cache?.list = (listKey, svgs)
        return svgs
    }
}

/// QR codes drawn by earlier builds of one process, by level and address.
final class QRCache: @unchecked Sendable {
    var codes: [String: String] = [:]
    /// The last build's codes, document by document, with a hash of the addresses they encode.
    var list: (key: Int, codes: [String])?
}
