import Foundation
import MetodCore
import Mustache

/// The lines of a document page's list «Ссылаются на этот документ» (the theme's
/// `partials/mentioned-by-item`), each rendered once per document and page depth instead of once
/// per page that lists it, and handed to the page joined, as `mentionedByItems` (printed with
/// `{{{…}}}`).
///
/// A document of a large bank is linked from several others, and its line is the same on each of
/// their pages: its link depends only on how deep the page lies. Rendered on every page, the
/// 80,000 lines of a 10,000-document bank were about a tenth of a cold build's user CPU
/// (swift-mustache spends several microseconds on an item of a list). The partial sees only the
/// link's values (`PageModels.link`: `title`, `url`, `type`, `summary`, `date`), never the page's:
/// one of those would show the first page's value on all the others.
final class MentionLines: @unchecked Sendable {
    static let template = "partials/mentioned-by-item"

    private struct Key: Hashable {
        var document: Int
        var depth: Int
    }

    private let lock = NSLock()
    private var made: [Key: String] = [:]

    /// The lines of the documents `sources` on `page`, in that order; nil when the theme has no
    /// such partial. `plainStrings` as for the page (`Context.withPlainStrings`).
    func lines(of sources: [Int], on page: SitePath, models: PageModels, library: MustacheLibrary, plainStrings: Bool) -> String? {
        guard library.getTemplate(named: Self.template) != nil else { return nil }
        let depth = page.depth
        var lines = ""
        for source in sources {
            let key = Key(document: source, depth: depth)
            if let line = lock.withLock({ made[key] }) {
                lines += line
                continue
            }
            let link = models.link(from: page, to: source)
            let line = library.render(link, template: Self.template, plainStrings: plainStrings)
            // Two threads may render the same line at once: both are the same.
            lock.withLock { made[key] = line }
            lines += line
        }
        return lines
    }
}
