/// The fields particular to each type of document.
public enum DocumentDetails: Sendable {
    case practice(Practice)
    case mentoring(Mentoring)
    case iom(IndividualRoute)
    case regulation(Regulation)
    case roadmap(Roadmap)
    case deficit(Deficit)
    case indicator(Indicator)
    case handout(Handout)
}

public struct Practice: Sendable {
    public var authors: [String]
    public var organization: String?
    public var levels: [String]
    public var subjects: [String]
    public var format: String?
    public var deficits: [String]
    public var indicators: [String]

    /// Education levels, in the order a methodologist reads them.
    public static let allowedLevels = ["ДО", "НОО", "ООО", "СОО", "СПО", "ДОД"]
}

public struct Mentoring: Sendable {
    public struct Role: Sendable { public var role: String; public var description: String? }
    public struct Step: Sendable { public var stage: String?; public var activity: String; public var due: String?; public var result: String? }

    public var form: String
    public var duration: String?
    public var roles: [Role]
    public var plan: [Step]
    public var deficits: [String]
    public var indicators: [String]

    public static let allowedForms = [
        "учитель–учитель", "руководитель–руководитель", "школа–школе", "учитель–ученик",
        "студент–ученик", "педагог–молодой специалист",
    ]

    /// Accepts a hyphen, an em dash or a spaced dash typed instead of the en dash.
    public static func normalizeForm(_ value: String) -> String {
        var text = value.trimmedSpaces
        for dash in [" – ", " — ", " - ", "—", " -", "- "] {
            text = text.replacingOccurrences(of: dash, with: "–")
        }
        if !text.contains("–"), let hyphen = text.firstIndex(of: "-") {
            let candidate = text.replacingCharacters(in: hyphen...hyphen, with: "–")
            if allowedForms.contains(candidate) { return candidate }
        }
        return text
    }
}

public struct IndividualRoute: Sendable {
    public struct Teacher: Sendable { public var position: String?; public var experience: String?; public var category: String? }
    public struct Step: Sendable {
        public var direction: String?
        public var activity: String
        public var due: String?
        public var reporting: String?
        public var result: String?
    }

    public var teacher: Teacher
    public var deficits: [String]
    public var goal: String?
    public var tasks: [String]
    public var plan: [Step]
    public var expectedResults: [String]
    public var indicators: [String]
}

public struct Regulation: Sendable {
    public struct Approval: Sendable { public var by: String?; public var order: String?; public var date: DocumentDate? }

    public var approved: Approval?
    public var status: String

    public static let allowedStatuses = ["действует", "проект", "утратило силу"]
}

public struct Roadmap: Sendable {
    public struct Activity: Sendable {
        public var number: String?
        public var title: String
        public var due: String?
        public var responsible: String?
        public var result: String?
        public var report: String?
        public var regulation: String?
        public var indicators: [String]
        /// Where the activity is written, for warnings about it.
        public var location: SourceLocation?
        /// The last day `due` names, read once when the document is decoded (`DueDate.end`).
        public var dueEnd: DocumentDate?
    }
    public struct Stage: Sendable { public var title: String; public var activities: [Activity] }

    public var periodFrom: Int?
    public var periodTo: Int?
    public var periodLocation: SourceLocation?
    public var level: String?
    public var organization: String?
    public var stages: [Stage]

    public static let allowedLevels = ["школа", "муниципалитет", "регион"]
}

public struct Deficit: Sendable {
    public var group: String
    public var diagnostics: String?

    public static let allowedGroups = [
        "предметные", "методические", "психолого-педагогические", "коммуникативные", "управленческие", "цифровые",
    ]
}

/// A sheet of QR cards for printing: listed documents and those matching a selection.
public struct Handout: Sendable {
    public var selection: HandoutSelection
}

public struct Indicator: Sendable {
    public struct Value: Sendable { public var year: Int; public var value: Double }

    public var unit: String
    public var kind: String?
    public var calculation: String?
    public var base: Value?
    public var targets: [Value]

    public static let allowedUnits = ["%", "чел.", "ед."]
}

import Foundation
import MetodCore
