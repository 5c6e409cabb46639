import MetodContent
import MetodCore
import MetodSearch

/// What the search index sees of the bank: the text of each document by field and its facets.
extension ContentGraph {
    /// Facets of the search page, in display order (the type facet is built in).
    static let searchFacetLabels: [(name: String, label: String)] = [
        ("deficit", "Дефицит"), ("indicator", "Показатель"), ("level", "Уровень образования"), ("subject", "Предмет"),
    ]

    func searchCatalog() -> SearchCatalog {
        let types = DocumentType.allCases.map { SearchLabel(key: $0.rawValue, label: $0.singularName) }
        let byTitle: (Int, Int) -> Bool = { (documents[$0].title, documents[$0].id) < (documents[$1].title, documents[$1].id) }
        let deficits = self.documents(of: .deficit).sorted(by: byTitle).map { SearchLabel(key: documents[$0].id, label: documents[$0].title) }
        let indicators = self.documents(of: .indicator).sorted(by: byTitle).map { SearchLabel(key: documents[$0].id, label: documents[$0].title) }
        var levels = Set<String>()
        var subjects = Set<String>()
        for document in documents {
            if case .practice(let practice) = document.details {
                levels.formUnion(practice.levels)
                subjects.formUnion(practice.subjects)
            }
        }
        let levelOrder = Practice.allowedLevels.filter(levels.contains) + levels.subtracting(Practice.allowedLevels).sorted()
        let values: [String: [SearchLabel]] = [
            "deficit": deficits,
            "indicator": indicators,
            "level": levelOrder.map { SearchLabel(key: $0, label: $0) },
            "subject": subjects.sorted().map { SearchLabel(key: $0, label: $0) },
        ]
        return SearchCatalog(
            types: types,
            facets: Self.searchFacetLabels.map { SearchFacet(name: $0.name, label: $0.label, values: values[$0.name] ?? []) })
    }

    /// Every document as the index takes it, in graph order (document numbers of the index).
    func searchDocuments() -> [SearchDocument] {
        documents.indices.parallelMap { searchDocument($0) }
    }

    /// The same with serve's cache, and a key per document for the index's cache: a hash of
    /// what the document is made from (its file's path and bytes, its id and type, its rendered
    /// body, the id and title of each document it refers to), so an unchanged document is
    /// neither rebuilt nor read whole.
    /// `bytesHashes`: `DecodeCache.bytesHashes(of: documents)`, taken once per build.
    func searchDocuments(cache: BuildCache, bytesHashes: [Int?]) -> (documents: [SearchDocument], keys: [Int]) {
        guard bodyHashes.count == documents.count else {
            let documents = searchDocuments()
            return (documents, documents.parallelMap(\.textHash))
        }
        let keys = documents.indices.parallelMap { index -> Int? in
            guard let bytes = bytesHashes[index] else { return nil }
            var hasher = Hasher()
            hasher.combine(bytes)
            hasher.combine(bodyHashes[index])
            // The file's bytes do not name it: id, type and address may come from its path, and
            // two files may hold the same bytes.
            hasher.combineText(documents[index].source.value)
            hasher.combineText(documents[index].id)
            hasher.combine(documents[index].type)
            for target in referenceTargets[index] {
                if let target {
                    hasher.combineText(documents[target].id)
                    hasher.combineText(documents[target].title)
                } else {
                    hasher.combine(-1)
                }
            }
            return hasher.finalize()
        }
        // Looked up and stored all at once: a lock per document contended.
        var found = cache.search.documents(for: keys)
        let missing = found.indices.filter { found[$0] == nil }
        let made = missing.parallelMap { searchDocument($0) }
        cache.search.store(zip(missing, made).compactMap { index, document in keys[index].map { ($0, document) } })
        for (index, document) in zip(missing, made) { found[index] = document }
        // A document without a key was made just now: its text's hash stands for the key.
        return (found.map { $0! }, keys.indices.map { keys[$0] ?? found[$0]!.textHash })
    }

    func searchDocument(_ index: Int) -> SearchDocument {
        let document = documents[index]
        let body = bodies[index]
        var deficits: [String] = []
        var indicators: [String] = []
        for reference in document.references {
            guard let target = self.document(id: reference.id) else { continue }
            let id = documents[target].id
            switch reference.role {
            case .deficit where !deficits.contains(id): deficits.append(id)
            case .indicator where !indicators.contains(id): indicators.append(id)
            default: break
            }
        }
        let referenced = (deficits + indicators).compactMap { self.document(id: $0).map { documents[$0].title } }
        var facets: [String: [String]] = ["deficit": deficits.sorted(), "indicator": indicators.sorted()]
        if case .practice(let practice) = document.details {
            facets["level"] = Array(Set(practice.levels)).sorted()
            facets["subject"] = Array(Set(practice.subjects)).sorted()
        }
        return SearchDocument(
            id: document.id, url: sitePaths[index], type: document.type.rawValue, title: document.title,
            summary: document.summary ?? "", headings: body.headings.map(\.text), tags: document.tags,
            references: referenced, details: searchDetails(document), body: body.plainText, facets: facets)
    }

    /// Front matter text, one table cell or value per item.
    private func searchDetails(_ document: Document) -> [String] {
        var cells: [String?] = []
        switch document.details {
        case .practice(let p):
            cells += p.authors
            cells += [p.organization, p.format]
            cells += p.levels + p.subjects
        case .mentoring(let m):
            cells += [m.form, m.duration]
            for role in m.roles { cells += [role.role, role.description] }
            for step in m.plan { cells += [step.stage, step.activity, step.due, step.result] }
        case .iom(let i):
            cells += [i.teacher.position, i.teacher.experience, i.teacher.category, i.goal]
            cells += i.tasks
            for step in i.plan { cells += [step.direction, step.activity, step.due, step.reporting, step.result] }
            cells += i.expectedResults
        case .regulation(let r):
            cells += [r.status, r.approved?.by, r.approved?.order]
        case .roadmap(let r):
            cells += [r.level, r.organization]
            for stage in r.stages {
                cells.append(stage.title)
                for activity in stage.activities {
                    cells += [activity.title, activity.due, activity.responsible, activity.result, activity.report]
                }
            }
        case .deficit(let d):
            cells += [d.group, d.diagnostics]
        case .indicator(let i):
            cells += [i.kind, i.calculation]
        case .handout:
            break
        }
        return cells.compactMap { $0 }.filter { !$0.isEmpty }
    }
}
