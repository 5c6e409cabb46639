import MetodContent
import MetodCore
import MetodQR

/// The printed QR code of every document: its short address under `base_url`.
enum QRCodes {
    /// One SVG per document (parallel to `graph.documents`); none without `base_url`.
    static func make(for graph: ContentGraph, config: SiteConfig) -> [String] {
        guard let base = config.baseURL else { return [] }
        let correction = QRErrorCorrection(rawValue: config.qrLevel) ?? .medium
        return graph.documents.indices.parallelMap { index -> String in
            guard let code = graph.permalinks.code(of: index) else { return "" }
            let url = base + Permalinks.path(of: code)
            return (try? QRCode(encoding: url, correction: correction).svg(title: url)) ?? ""
        }
    }
}
