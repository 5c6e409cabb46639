/// The kinds of document: the seven of content format v1, and handouts (sheets of QR codes).
public enum DocumentType: String, CaseIterable, Sendable, Comparable {
    case practice, mentoring, iom, regulation, roadmap, deficit, indicator, handout

    /// The top-level folder under `content/` (and in the site) that holds this type.
    public var folder: String {
        switch self {
        case .practice: "practices"
        case .mentoring: "mentoring"
        case .iom: "iom"
        case .regulation: "regulations"
        case .roadmap: "roadmaps"
        case .deficit: "deficits"
        case .indicator: "indicators"
        case .handout: "handouts"
        }
    }

    public init?(folder: String) {
        guard let type = DocumentType.allCases.first(where: { $0.folder == folder }) else { return nil }
        self = type
    }

    /// The name of one document of this type, for labels («Практика»).
    public var singularName: String {
        switch self {
        case .practice: "Практика"
        case .mentoring: "Программа наставничества"
        case .iom: "ИОМ"
        case .regulation: "Положение"
        case .roadmap: "Дорожная карта"
        case .deficit: "Профессиональный дефицит"
        case .indicator: "Показатель"
        case .handout: "Лист QR-кодов"
        }
    }

    /// The heading of the list page («Эффективные практики»).
    public var pluralName: String {
        switch self {
        case .practice: "Эффективные практики"
        case .mentoring: "Программы наставничества"
        case .iom: "Индивидуальные образовательные маршруты"
        case .regulation: "Локальные акты (положения)"
        case .roadmap: "Дорожные карты"
        case .deficit: "Профессиональные дефициты"
        case .indicator: "Показатели"
        case .handout: "Листы QR-кодов для печати"
        }
    }

    /// Documents that address deficits and cite indicators (the columns of the coverage matrix).
    public static let addressing: [DocumentType] = [.practice, .mentoring, .iom, .roadmap]

    public static func < (lhs: DocumentType, rhs: DocumentType) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
