/// Which documents a sheet of QR cards shows: the listed ids, then every document that
/// matches all the given filters (referencing a deficit, an indicator, of a type, with a tag).
public struct HandoutSelection: Sendable, Equatable {
    public var ids: [String] = []
    public var deficit: String?
    public var indicator: String?
    public var type: DocumentType?
    public var tag: String?

    public init(ids: [String] = [], deficit: String? = nil, indicator: String? = nil, type: DocumentType? = nil, tag: String? = nil) {
        self.ids = ids
        self.deficit = deficit
        self.indicator = indicator
        self.type = type
        self.tag = tag
    }

    var hasFilters: Bool { deficit != nil || indicator != nil || type != nil || tag != nil }

    /// The chosen documents: listed ids in their order, then the matches by type and title.
    /// Unknown ids are returned for the caller to report.
    public func resolve(in graph: ContentGraph) -> (documents: [Int], unknown: [String]) {
        var chosen: [Int] = []
        var seen = Set<Int>()
        var unknown: [String] = []
        for id in ids {
            guard let index = graph.document(id: id) else { unknown.append(id); continue }
            if seen.insert(index).inserted { chosen.append(index) }
        }
        for filter in [deficit, indicator].compactMap({ $0 }) where graph.document(id: filter) == nil {
            unknown.append(filter)
        }
        guard hasFilters else { return (chosen, unknown) }
        func refers(_ index: Int, to id: String?, role: ReferenceRole) -> Bool {
            guard let id else { return true }
            guard let target = graph.document(id: id) else { return false }
            return graph.backReferences[target].contains { $0.source == index && $0.role == role }
        }
        let matches = graph.documents.indices.filter { index in
            let document = graph.documents[index]
            return document.type != .handout
                && (type == nil || document.type == type)
                && (tag == nil || document.tags.contains { $0.lowercased() == tag!.lowercased() })
                && refers(index, to: deficit, role: .deficit)
                && refers(index, to: indicator, role: .indicator)
        }
        .sorted { (graph.documents[$0].type, graph.documents[$0].title) < (graph.documents[$1].type, graph.documents[$1].title) }
        for index in matches where seen.insert(index).inserted { chosen.append(index) }
        return (chosen, unknown)
    }
}
