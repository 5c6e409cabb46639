import MetodCore

/// Short, stable addresses (`p/?k7x2`) for every document and every former id.
///
/// A code is four characters drawn from the document's id by a fixed hash, so it does not
/// change when files move or other documents come and go. When two ids share a code, the
/// document published first (by `date`, then id) keeps it and the other takes the next free
/// code of its own sequence; an alias keeps the code its old id had, so printed QR codes of a
/// renamed document keep working.
public struct Permalinks: Sendable {
    public struct Entry: Sendable, Hashable {
        public var code: String
        /// The id or former id the code was drawn from.
        public var id: String
        public var document: Int
        public var isAlias: Bool
    }

    /// Every code, sorted by code.
    public let entries: [Entry]
    private let byDocument: [Int: String]

    /// Characters that cannot be mistaken for one another when typed from paper.
    static let alphabet = Array("23456789abcdefghjkmnpqrstuvwxyz")
    static let length = 4

    public func code(of document: Int) -> String? { byDocument[document] }

    /// The address relative to the site root, as encoded in QR codes: `p/?k7x2`.
    public static func path(of code: String) -> String { "p/?\(code)" }

    /// The one page that serves every code: it looks the code up in a table and goes on.
    public static let page = SitePath("p/index.html")

    /// The table holding the codes that start with `code`'s first character: `p/k.js`.
    public static func table(of code: String) -> SitePath { SitePath("p/\(code.prefix(1)).js") }

    init(documents: [Document]) {
        struct Claim { var id: String; var document: Int; var isAlias: Bool; var date: String }
        var claims: [Claim] = []
        for index in documents.indices {
            let date = documents[index].date?.description ?? "9999-99-99"
            claims.append(Claim(id: documents[index].id, document: index, isAlias: false, date: date))
            for alias in documents[index].aliases {
                // A former id is older than its document's current one.
                claims.append(Claim(id: alias, document: index, isAlias: true, date: "0000-00-00"))
            }
        }
        claims.sort { ($0.date, $0.id) < ($1.date, $1.id) }
        var taken: [String: Int] = [:]
        var entries: [Entry] = []
        var byDocument: [Int: String] = [:]
        for claim in claims {
            var attempt = 0
            var code = Self.code(for: claim.id, attempt: attempt)
            while taken[code] != nil {
                attempt += 1
                code = Self.code(for: claim.id, attempt: attempt)
            }
            taken[code] = claim.document
            entries.append(Entry(code: code, id: claim.id, document: claim.document, isAlias: claim.isAlias))
            if !claim.isAlias { byDocument[claim.document] = code }
        }
        self.entries = entries.sorted { $0.code < $1.code }
        self.byDocument = byDocument
    }

    /// The `attempt`-th code of an id: FNV-1a over its UTF-8 bytes, written in the alphabet.
    static func code(for id: String, attempt: Int) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        let salted = attempt == 0 ? id : "\(id)#\(attempt)"
        for byte in salted.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        var code = ""
        let base = UInt64(alphabet.count)
        for _ in 0..<length {
            code.append(alphabet[Int(hash % base)])
            hash /= base
        }
        return code
    }
}
