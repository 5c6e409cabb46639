import Foundation
import MetodCore

/// Problems that do not break the site but that a methodologist should see: gaps in the bank,
/// stale plans, personal data a public bank must not publish.
public enum ContentWarnings {
    /// Everything `check` warns about in a resolved bank; `today` decides which dates are past.
    public static func collect(in graph: ContentGraph, today: DocumentDate) -> [Diagnostic] {
        // Each document's warnings on all cores, in document order (a bank of 10,000 documents
        // has thousands of warnings, and serve collects them on every rebuild).
        graph.documents.indices.parallelMap { index in warnings(of: index, in: graph, today: today) }.flatMap { $0 }
    }

    private static func warnings(of index: Int, in graph: ContentGraph, today: DocumentDate) -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        let document = graph.documents[index]
        let start = SourceLocation(file: document.source, line: 1, column: 1)
        let back = graph.backReferences[index]
        if back.isEmpty, document.type != .handout {
            warnings.append(.warning("на документ «\(shorten(document.title))» ничего не ссылается: свяжите его с другими материалами банка (поля deficits, indicators, regulation или ссылки в тексте)", at: start))
        }
        switch document.details {
        case .deficit:
            if !back.contains(where: { $0.role == .deficit && graph.documents[$0.source].type == .practice }) {
                warnings.append(.warning("дефицит «\(shorten(document.title))» не закрыт ни одной практикой: банку не хватает материалов по нему", at: start))
            }
        case .indicator(let indicator):
            if indicator.targets.isEmpty {
                warnings.append(.warning("у показателя «\(shorten(document.title))» нет целевых значений: добавьте поле targets (год: значение)", at: start))
            }
        case .roadmap(let roadmap):
            warnings += pastActivities(of: roadmap, in: document, today: today)
        default:
            break
        }
        return warnings
    }

    static func pastActivities(of roadmap: Roadmap, in document: Document, today: DocumentDate) -> [Diagnostic] {
        let start = roadmap.periodLocation ?? SourceLocation(file: document.source, line: 1, column: 1)
        if let to = roadmap.periodTo, to < today.year {
            return [.warning("срок дорожной карты «\(shorten(document.title))» истёк (\(roadmap.periodFrom.map { "\($0)–" } ?? "до ")\(to)): обновите её или отметьте результаты", at: start)]
        }
        var warnings: [Diagnostic] = []
        for stage in roadmap.stages {
            for activity in stage.activities {
                guard let due = activity.due, let end = activity.dueEnd, end < today else { continue }
                let label = [activity.number, shorten(activity.title)].compactMap { $0 }.joined(separator: " ")
                warnings.append(.warning("срок мероприятия «\(label)» («\(due)») прошёл: обновите сроки или отметьте выполнение", at: activity.location ?? start))
            }
        }
        return warnings
    }
}

/// Long titles are cut in messages so a warning fits on a terminal line or two.
func shorten(_ text: String, to length: Int = 70) -> String {
    text.count <= length ? text : text.prefix(length - 1).trimmedSpaces + "…"
}

/// Reads the last date a free-text due date names: «до 1 октября 2020», «январь–март 2017»,
/// «4 квартал 2022», «2021–2022 годы». Texts without a year («ежегодно», «сентябрь») give nil.
enum DueDate {
    static let months: [(stem: String, month: Int)] = [
        ("январ", 1), ("феврал", 2), ("март", 3), ("апрел", 4), ("мая", 5), ("май", 5), ("июн", 6), ("июл", 7),
        ("август", 8), ("сентябр", 9), ("октябр", 10), ("ноябр", 11), ("декабр", 12),
    ]
    private static let monthStems = months.map { (stem: ($0.stem, Array($0.stem.utf8)), month: $0.month) }
    private static let quarterStem = ("квартал", Array("квартал".utf8))

    static func end(of text: String) -> DocumentDate? {
        let lowered = text.lowercased()
        let words = lowered.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        // Stems are compared on UTF-8 bytes: every roadmap activity has a due date, and
        // `hasPrefix` compared each Cyrillic word character by character. Bytes agree with
        // characters only in text of ASCII and U+0400–U+047F, which has no combining marks
        // («и» + U+0306 is «й» to `hasPrefix`); other text is compared as before.
        let bytesSuffice = lowered.utf8.allSatisfy { $0 < 0xC0 || $0 == 0xD0 || $0 == 0xD1 }
        func starts(_ word: Substring, with stem: (text: String, bytes: [UInt8])) -> Bool {
            bytesSuffice ? word.utf8.starts(with: stem.bytes) : word.hasPrefix(stem.text)
        }
        let namesQuarter = words.contains { starts($0, with: quarterStem) }
        var year: Int?
        var month: Int?
        var pendingMonth: Int?
        var quarter = false
        for word in words {
            if let number = Int(word), word.count == 4, (1900...2200).contains(number) {
                year = number
                month = pendingMonth
                pendingMonth = nil
            } else if starts(word, with: quarterStem) {
                quarter = true
            } else if let found = monthStems.first(where: { starts(word, with: $0.stem) }) {
                pendingMonth = found.month
            } else if quarter == false, namesQuarter, let number = Int(word), (1...4).contains(number) {
                pendingMonth = number * 3
            }
        }
        guard let year else { return nil }
        let endMonth = month ?? 12
        let lastDay = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][endMonth - 1]
        return DocumentDate(year: year, month: endMonth, day: lastDay)
    }
}
