import Foundation
import Mustache

/// The site's header and footer (the theme's `partials/site-header` and `partials/site-footer`),
/// rendered once per frame instead of once per page, and handed to every page as `siteHeader`
/// and `siteFooter` (printed with `{{{…}}}`).
///
/// A page's frame is what the header and footer may show: the links from the page's folder to
/// the home page, search and the other sections, the menu with the page's own section marked,
/// whether it is the home or the search page, and the bank's title and language. The pages of a
/// section share it, so a bank of 10,000 documents has about ten frames. The header and footer
/// see only these values (`names`), never a page's own: one of them there would show the first
/// page's value on all the others. Rendering them with each page took about a twentieth of a
/// cold build's processor time: the menu alone is about 30 of the 175 names a document page
/// looks up.
final class SiteFrame: @unchecked Sendable {
    /// The values of a page's context (`PageModels.frame`) that make its frame.
    static let names = [
        "lang", "siteTitle", "root", "stylesheet", "homeURL", "coverageURL", "whatsNewURL", "searchURL",
        "searchScript", "isHome", "isSearch", "section", "nav",
    ]
    /// Each part: the name a page gets it by and the partial that renders it.
    static let parts = [("siteHeader", "partials/site-header"), ("siteFooter", "partials/site-footer")]

    private let lock = NSLock()
    /// The parts of each frame, by `key(of:)`.
    private var made: [Key: [Text]] = [:]

    /// What tells frames apart (`key(of:)`).
    struct Key: Hashable {
        var root: String
        var section: String
        var isHome: Bool
        var isSearch: Bool
    }

    /// How many frames had their parts rendered.
    var renderedFrames: Int { lock.withLock { made.count } }

    /// Adds the header and footer of the page's frame to `context`; a context without a menu
    /// (the feed, the sitemap) has no frame and is left as it is. `plainStrings` as for the
    /// page (`Context.withPlainStrings`).
    func add(to context: inout Context, library: MustacheLibrary, plainStrings: Bool) {
        guard context["nav"] != nil else { return }
        let key = Self.key(of: context)
        let parts: [Text]
        if let kept = lock.withLock({ made[key] }) {
            assert(
                kept.map(\.text) == Self.render(context.picking(Self.names), library: library, plainStrings: plainStrings).map(\.text),
                "two frames with the key \(key) differ: SiteFrame.key(of:) misses a value")
            parts = kept
        } else {
            let rendered = Self.render(context.picking(Self.names), library: library, plainStrings: plainStrings)
            // Two threads may render the same frame at once: the first one's parts are kept.
            parts = lock.withLock {
                if let kept = made[key] { return kept }
                made[key] = rendered
                return rendered
            }
        }
        for ((name, _), part) in zip(Self.parts, parts) { context[name] = part }
    }

    /// What tells the frames of pages apart. Every other value of a frame follows from these and the bank's
    /// settings: its links are the page's way to the site's root (`root`) and then a fixed path,
    /// and the menu marks the page's section. Reading these four costs a page far less than
    /// hashing the whole frame with its menu; debug builds (the tests) check that pages with the
    /// same key get the same header and footer.
    static func key(of page: Context) -> Key {
        Key(
            root: (page["root"] as? Text)?.text ?? "", section: (page["section"] as? Text)?.text ?? "",
            isHome: page["isHome"] as? Bool ?? false, isSearch: page["isSearch"] as? Bool ?? false)
    }

    private static func render(_ frame: Context, library: MustacheLibrary, plainStrings: Bool) -> [Text] {
        parts.map { _, template -> Text in
            guard library.getTemplate(named: template) != nil else { return Text.absent }
            let text = library.render(frame, template: template, plainStrings: plainStrings)
            // A template file ends with a line break (`\n` or `\r\n`); the page has its own after
            // `{{{siteHeader}}}`.
            return Context.text(droppingFinalLineBreak(text))
        }
    }

    /// `text` without its last line break, if it ends with one.
    static func droppingFinalLineBreak(_ text: String) -> String {
        var bytes = Substring(text).utf8
        if bytes.last == UInt8(ascii: "\n") { bytes.removeLast() }
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        return String(Substring(bytes))
    }
}
