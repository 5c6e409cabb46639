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

/// One Markdown file of the bank after its front matter was decoded.
public struct Document: Sendable {
    public var id: String
    public var type: DocumentType
    public var source: ContentPath
    public var title: String
    public var summary: String?
    public var date: DocumentDate?
    public var updated: DocumentDate?
    public var tags: [String]
    public var attachments: [Attachment]
    public var aliases: [String]
    public var details: DocumentDetails
    /// References from the front matter, in the order written.
    public var references: [Reference]
    /// The Markdown body and the file line it starts on.
    public var body: String
    public var bodyFirstLine: Int
    /// Where `id:` was written (or the file's start), for duplicate-id messages.
    public var idLocation: SourceLocation

    /// The page of this document in the site.
    public var sitePath: SitePath { SitePath("\(type.folder)/\(id).html") }

    /// When the file last changed (git history, else the file's date), used when `updated` is absent.
    public var lastChanged: DocumentDate?

    /// The revision a reader sees: `updated`, else the last change of the file, else `date`.
    public var revised: DocumentDate? { updated ?? lastChanged ?? date }
}
