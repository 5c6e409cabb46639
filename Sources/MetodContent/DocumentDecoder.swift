import Foundation
import MetodCore

/// Turns the text of one Markdown file into a typed `Document`, collecting every problem.
struct DocumentDecoder {
    let siteRoot: FilePath
    let source: ContentPath

    func decode(_ text: String, bag: DiagnosticBag) -> Document? {
        let start = SourceLocation(file: source, line: 1, column: 1)
        let frontMatter: FrontMatter
        switch FrontMatter.split(text) {
        case .success(let split): frontMatter = split
        case .failure(.empty): bag.error(ContentMessage.emptyFile, at: start); return nil
        case .failure(.missingOpening): bag.error(ContentMessage.noFrontMatter, at: start); return nil
        case .failure(.unclosed): bag.error(ContentMessage.unclosedFrontMatter, at: start); return nil
        }
        let locator = NodeLocator(file: source, lineOffset: frontMatter.yamlFirstLine - 1, fallback: start)
        let node: YAMLNode
        do {
            guard let composed = try YAMLComposer.compose(frontMatter.yaml) else {
                bag.error(ContentMessage.missingField("title"), at: start)
                return nil
            }
            node = composed
        } catch {
            let location = error.mark.map { SourceLocation(file: source, line: $0.line + locator.lineOffset, column: $0.column) } ?? start
            bag.error(ContentMessage.yamlSyntax(Self.describe(error, lineOffset: locator.lineOffset)), at: location)
            return nil
        }
        guard node.mapping != nil else {
            bag.error(ContentMessage.frontMatterNotMapping, at: locator.location(node))
            return nil
        }
        var fields = Fields(node, locator: locator, bag: bag)
        return decodeDocument(&fields, frontMatter: frontMatter, start: start)
    }

    /// The problem in Russian, for a message at `error.mark`.
    static func describe(_ error: YAMLError, lineOffset: Int) -> String {
        if !error.duplicateKeys.isEmpty {
            return "поле \(error.duplicateKeys.map { "«\($0)»" }.joined(separator: ", ")) указано дважды"
        }
        return YAMLProblem.russian(problem: error.problem, context: error.context, contextMark: error.contextMark, lineOffset: lineOffset)
    }

    private func decodeDocument(_ fields: inout Fields, frontMatter: FrontMatter, start: SourceLocation) -> Document? {
        let folder = source.value.split(separator: "/").dropFirst().first.map(String.init) ?? ""
        let folderType = DocumentType(folder: folder)
        var type = folderType
        if let written = fields.text("type") {
            if let stated = DocumentType(rawValue: written) {
                type = stated
            } else {
                fields.bag.error(
                    ContentMessage.unknownType(written, suggestion: Suggestion.closest(to: written, in: DocumentType.allCases.map(\.rawValue))),
                    at: fields.valueLocation("type"))
                return nil
            }
        }
        guard let type else {
            fields.bag.error(ContentMessage.typeNotDetermined(folder), at: start)
            return nil
        }

        let fileID = String(source.value.split(separator: "/").last!.dropLast(3))
        var id = fileID
        var idLocation = start
        if let written = fields.text("id") {
            id = written
            idLocation = fields.valueLocation("id")
        }
        if !Self.isValidID(id) {
            fields.bag.error(ContentMessage.badID(id), at: idLocation)
        }

        let title = fields.text("title", required: true) ?? ""
        let summary = fields.text("summary")
        let date = fields.date("date")
        let updated = fields.date("updated")
        let tags = fields.textList("tags")
        var aliases: [String] = []
        for (alias, node) in fields.textListWithNodes("aliases") {
            if !Self.isValidID(alias) { fields.bag.error(ContentMessage.badID(alias), at: fields.locator.location(node)) }
            aliases.append(alias)
        }
        var attachments: [Attachment] = []
        for (written, node) in fields.textListWithNodes("attachments") {
            let location = fields.locator.location(node)
            if let attachment = resolveAttachment(written, location: location, bag: fields.bag) {
                attachments.append(attachment)
            }
        }

        var references: [Reference] = []
        let details = decodeDetails(type, &fields, references: &references)
        fields.reportUnknown(type: type)

        return Document(
            id: id, type: type, source: source, title: title, summary: summary, date: date, updated: updated,
            tags: tags, attachments: attachments, aliases: aliases, details: details, references: references,
            body: frontMatter.body, bodyFirstLine: frontMatter.bodyFirstLine, idLocation: idLocation, lastChanged: nil)
    }

    static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    private func decodeDetails(_ type: DocumentType, _ f: inout Fields, references: inout [Reference]) -> DocumentDetails {
        switch type {
        case .practice:
            return .practice(Practice(
                authors: f.textList("authors"),
                organization: f.text("organization"),
                levels: levels(&f),
                subjects: f.textList("subjects"),
                format: f.text("format"),
                deficits: f.references("deficits", role: .deficit, into: &references),
                indicators: f.references("indicators", role: .indicator, into: &references)))
        case .mentoring:
            let form = f.choice("form", allowed: Mentoring.allowedForms, required: true, normalize: Mentoring.normalizeForm) ?? ""
            let duration = f.text("duration")
            let roles = f.objects("roles").map { item -> Mentoring.Role in
                var item = item
                defer { item.reportUnknown(type: type) }
                return Mentoring.Role(role: item.text("role", required: true) ?? "", description: item.text("description"))
            }
            let plan = f.objects("plan").map { item -> Mentoring.Step in
                var item = item
                defer { item.reportUnknown(type: type) }
                return Mentoring.Step(stage: item.text("stage"), activity: item.text("activity", required: true) ?? "",
                                      due: item.text("due"), result: item.text("result"))
            }
            return .mentoring(Mentoring(
                form: form, duration: duration, roles: roles, plan: plan,
                deficits: f.references("deficits", role: .deficit, into: &references),
                indicators: f.references("indicators", role: .indicator, into: &references)))
        case .iom:
            var teacher = IndividualRoute.Teacher()
            if var t = f.object("teacher") {
                teacher = IndividualRoute.Teacher(position: t.text("position"), experience: t.text("experience"), category: t.text("category"))
                t.reportUnknown(type: type)
            }
            let deficits = f.references("deficits", role: .deficit, into: &references)
            let goal = f.text("goal")
            let tasks = f.textList("tasks")
            let plan = f.objects("plan").map { item -> IndividualRoute.Step in
                var item = item
                defer { item.reportUnknown(type: type) }
                return IndividualRoute.Step(direction: item.text("direction"), activity: item.text("activity", required: true) ?? "",
                                            due: item.text("due"), reporting: item.text("reporting"), result: item.text("result"))
            }
            return .iom(IndividualRoute(
                teacher: teacher, deficits: deficits, goal: goal, tasks: tasks, plan: plan,
                expectedResults: f.textList("expected_results"),
                indicators: f.references("indicators", role: .indicator, into: &references)))
        case .regulation:
            var approval: Regulation.Approval?
            if var a = f.object("approved") {
                approval = Regulation.Approval(by: a.text("by"), order: a.text("order"), date: a.date("date"))
                a.reportUnknown(type: type)
            }
            let status = f.choice("status", allowed: Regulation.allowedStatuses) ?? "действует"
            return .regulation(Regulation(approved: approval, status: status))
        case .roadmap:
            var from: Int?, to: Int?
            let periodLocation = f.has("period") ? f.valueLocation("period") : nil
            if var period = f.object("period") {
                from = period.year("from")
                to = period.year("to")
                period.reportUnknown(type: type)
            }
            let level = f.choice("level", allowed: Roadmap.allowedLevels)
            let organization = f.text("organization")
            var stages: [Roadmap.Stage] = []
            for var stage in f.objects("stages") {
                let title = stage.text("title", required: true) ?? ""
                var activities: [Roadmap.Activity] = []
                for var a in stage.objects("activities") {
                    let number = a.text("n")
                    let activityTitle = a.text("title", required: true) ?? ""
                    let label = ActivityLabel(number: number ?? "", title: activityTitle)
                    let regulation = a.references("regulation", role: .regulation, into: &references, activity: label).first
                    let due = a.text("due")
                    activities.append(Roadmap.Activity(
                        number: number, title: activityTitle, due: due, responsible: a.text("responsible"),
                        result: a.text("result"), report: a.text("report"), regulation: regulation,
                        indicators: a.references("indicators", role: .indicator, into: &references, activity: label),
                        location: a.location, dueEnd: due.flatMap(DueDate.end(of:))))
                    a.reportUnknown(type: type)
                }
                stages.append(Roadmap.Stage(title: title, activities: activities))
                stage.reportUnknown(type: type)
            }
            return .roadmap(Roadmap(periodFrom: from, periodTo: to, periodLocation: periodLocation, level: level, organization: organization, stages: stages))
        case .deficit:
            let group = f.choice("group", allowed: Deficit.allowedGroups, required: true) ?? ""
            return .deficit(Deficit(group: group, diagnostics: f.text("diagnostics")))
        case .indicator:
            let unit = f.choice("unit", allowed: Indicator.allowedUnits, required: true) ?? ""
            let kind = f.text("kind")
            let calculation = f.text("calculation")
            var base: Indicator.Value?
            if var b = f.object("base") {
                if let year = b.year("year"), let value = b.number("value") {
                    base = Indicator.Value(year: year, value: value)
                } else if !b.has("year") || !b.has("value") {
                    f.bag.error(ContentMessage.missingField(b.has("year") ? "base.value" : "base.year"), at: b.location)
                }
                b.reportUnknown(type: type)
            }
            var targets: [Indicator.Value] = []
            for (key, value) in f.pairs("targets") {
                let written = key.scalar ?? ""
                guard let year = Int(written), (1900...2200).contains(year) else {
                    f.bag.error(ContentMessage.targetsYear(written), at: f.locator.location(key))
                    continue
                }
                if let number = Fields.number(value, field: "targets.\(year)", locator: f.locator, bag: f.bag) {
                    targets.append(Indicator.Value(year: year, value: number))
                }
            }
            targets.sort { $0.year < $1.year }
            return .indicator(Indicator(unit: unit, kind: kind, calculation: calculation, base: base, targets: targets))
        case .handout:
            var selection = HandoutSelection()
            selection.ids = f.references("documents", role: .listed, into: &references)
            if var select = f.object("select") {
                selection.deficit = select.references("deficit", role: .deficit, into: &references).first
                selection.indicator = select.references("indicator", role: .indicator, into: &references).first
                selection.type = select.choice("type", allowed: DocumentType.allCases.map(\.rawValue)).flatMap(DocumentType.init(rawValue:))
                selection.tag = select.text("tag")
                select.reportUnknown(type: type)
            }
            return .handout(Handout(selection: selection))
        }
    }

    private func levels(_ f: inout Fields) -> [String] {
        var levels: [String] = []
        for (level, node) in f.textListWithNodes("level") {
            let upper = level.uppercased()
            if Practice.allowedLevels.contains(upper) {
                levels.append(upper)
            } else {
                f.bag.error(
                    ContentMessage.notInList("level", level, allowed: Practice.allowedLevels,
                                             suggestion: Suggestion.closest(to: upper, in: Practice.allowedLevels)),
                    at: f.locator.location(node))
            }
        }
        return levels
    }

    /// Attachments are given relative to the document and must stay inside `content/`.
    private func resolveAttachment(_ written: String, location: SourceLocation, bag: DiagnosticBag) -> Attachment? {
        switch ContentPathResolver.resolve(written, from: source, siteRoot: siteRoot) {
        case .absolute:
            bag.error(ContentMessage.absolutePath("вложение", written), at: location)
        case .outside:
            bag.error(ContentMessage.leavesContent("вложение", written), at: location)
        case .missing:
            bag.error(ContentMessage.missingAttachment(written), at: location)
        case .file(let path, let size):
            return Attachment(written: written, path: path, location: location, size: size)
        }
        return nil
    }
}
