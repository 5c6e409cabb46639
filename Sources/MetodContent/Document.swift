import Foundation
import MetodCore

/// A date written as `YYYY-MM-DD`, kept as written so output is stable.
public struct DocumentDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let year: Int, month: Int, day: Int

    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// A date from its parts; `nil` unless it is a real day of a four-digit year.
    public init?(year: Int, month: Int, day: Int) {
        guard (0...9999).contains(year), (1...12).contains(month), (1...DocumentDate.days(inMonth: month, year: year)).contains(day)
        else { return nil }
        (self.year, self.month, self.day) = (year, month, day)
    }

    private static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public var description: String {
        // Not `String(format:)`, which is slow: this runs for every date on every page.
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: width - digits.count) + digits
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
    }

    /// The current date in the machine's time zone.
    public static var today: DocumentDate {
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return DocumentDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }

    /// «5 марта 2024 г.»
    public var russian: String {
        "\(day) \(Self.monthsGenitive[month - 1]) \(year) г."
    }

    private static let monthsGenitive = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
                                         "сентября", "октября", "ноября", "декабря"]

    public static func < (lhs: DocumentDate, rhs: DocumentDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

/// What a reference in a document means; decides the type its target must have.
public enum ReferenceRole: String, Sendable, Hashable {
    case deficit, indicator, regulation, link
    /// A document listed on a handout.
    case listed

    public var expectedType: DocumentType? {
        switch self {
        case .deficit: .deficit
        case .indicator: .indicator
        case .regulation: .regulation
        case .link, .listed: nil
        }
    }
}

/// A reference from one document to another by id, with where it was written.
public struct Reference: Hashable, Sendable {
    public var id: String
    public var role: ReferenceRole
    public var location: SourceLocation
    /// For references made by a roadmap activity: its number and title.
    public var activity: ActivityLabel?

    public init(id: String, role: ReferenceRole, location: SourceLocation, activity: ActivityLabel? = nil) {
        self.id = id
        self.role = role
        self.location = location
        self.activity = activity
    }
}

public struct ActivityLabel: Hashable, Sendable {
    public var number: String
    public var title: String
}

/// A file attached to a document (DOCX, PDF, …), inside `content/`.
public struct Attachment: Hashable, Sendable {
    /// The path as the author wrote it.
    public var written: String
    /// The resolved path relative to the site root (`content/files/plan.docx`).
    public var path: ContentPath
    public var location: SourceLocation
    public var size: Int
}

/// One Markdown file of the bank after its front matter was decoded. A value whose sixteen
/// fields sit behind one reference (`CopyOnWrite`): copying a document, as caches, sorts and
/// tables do, costs one reference count instead of a dozen.
public struct Document: Sendable {
    private struct Fields: Sendable {
        var id: String
        var type: DocumentType
        var source: ContentPath
        var title: String
        var summary: String?
        var date: DocumentDate?
        var updated: DocumentDate?
        var tags: [String]
        var attachments: [Attachment]
        var aliases: [String]
        var details: DocumentDetails
        var references: [Reference]
        var body: String
        var bodyFirstLine: Int
        var idLocation: SourceLocation
    }

    private var fields: CopyOnWrite<Fields>
    /// When the file last changed (git history, else the file's date), used when `updated` is
    /// absent. Outside the shared fields: every load sets it on documents that serve's cache
    /// hands out, and setting it inside made each of them copy all its fields (10,000 copies
    /// per rebuild showed in profiles).
    public var lastChanged: DocumentDate?

    public init(
        id: String, type: DocumentType, source: ContentPath, title: String, summary: String?, date: DocumentDate?,
        updated: DocumentDate?, tags: [String], attachments: [Attachment], aliases: [String], details: DocumentDetails,
        references: [Reference], body: String, bodyFirstLine: Int, idLocation: SourceLocation, lastChanged: DocumentDate?
    ) {
        fields = CopyOnWrite(Fields(
            id: id, type: type, source: source, title: title, summary: summary, date: date, updated: updated,
            tags: tags, attachments: attachments, aliases: aliases, details: details, references: references,
            body: body, bodyFirstLine: bodyFirstLine, idLocation: idLocation))
        self.lastChanged = lastChanged
    }

    /// The same for copies of this document while none of its fields but `lastChanged` is
    /// written: serve's cache hands out the same document for a file that did not change.
    public var identity: ObjectIdentifier { fields.identity }

    public var id: String {
        get { fields.value.id }
        set { fields.value.id = newValue }
    }
    public var type: DocumentType {
        get { fields.value.type }
        set { fields.value.type = newValue }
    }
    public var source: ContentPath {
        get { fields.value.source }
        set { fields.value.source = newValue }
    }
    public var title: String {
        get { fields.value.title }
        set { fields.value.title = newValue }
    }
    public var summary: String? {
        get { fields.value.summary }
        set { fields.value.summary = newValue }
    }
    public var date: DocumentDate? {
        get { fields.value.date }
        set { fields.value.date = newValue }
    }
    public var updated: DocumentDate? {
        get { fields.value.updated }
        set { fields.value.updated = newValue }
    }
    public var tags: [String] {
        get { fields.value.tags }
        set { fields.value.tags = newValue }
    }
    public var attachments: [Attachment] {
        get { fields.value.attachments }
        set { fields.value.attachments = newValue }
    }
    public var aliases: [String] {
        get { fields.value.aliases }
        set { fields.value.aliases = newValue }
    }
    public var details: DocumentDetails {
        get { fields.value.details }
        set { fields.value.details = newValue }
    }
    /// References from the front matter, in the order written.
    public var references: [Reference] {
        get { fields.value.references }
        set { fields.value.references = newValue }
    }
    /// The Markdown body and the file line it starts on.
    public var body: String {
        get { fields.value.body }
        set { fields.value.body = newValue }
    }
    public var bodyFirstLine: Int {
        get { fields.value.bodyFirstLine }
        set { fields.value.bodyFirstLine = newValue }
    }
    /// Where `id:` was written (or the file's start), for duplicate-id messages.
    public var idLocation: SourceLocation {
        get { fields.value.idLocation }
        set { fields.value.idLocation = newValue }
    }

    /// The page of this document in the site.
    public var sitePath: SitePath { SitePath("\(type.folder)/\(id).html") }

    /// The revision a reader sees: `updated`, else the last change of the file, else `date`.
    public var revised: DocumentDate? { updated ?? lastChanged ?? date }
}
