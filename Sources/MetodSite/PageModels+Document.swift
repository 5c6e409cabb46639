import MetodContent
import MetodCore
import MetodMarkdown

extension PageModels {
    /// The page of one document: common header, the structured parts of its type, the body,
    /// attachments, and everything that refers to it.
    func document(_ index: Int) -> Context {
        let document = graph.documents[index]
        let page = graph.sitePaths[index]
        let body = graph.bodies[index]
        var context = frame(page, title: document.title, section: document.type, description: document.summary)
        context["typeName"] = document.type.singularName
        context["typeFolder"] = document.type.folder
        context["listURL"] = page.link(to: Self.listPath(document.type))
        context["listTitle"] = document.type.pluralName
        context.put("summary", document.summary)
        context.put("date", document.date?.russian)
        context.put("dateISO", document.date?.description)
        // A revision the same day as publication (or earlier) is not worth a second date.
        let updated = document.revised.flatMap { revised in document.date.map { revised > $0 } ?? true ? revised : nil }
        context.put("updated", updated?.russian)
        context.put("updatedISO", updated?.description)
        context.put("tags", document.tags.map { ["tag": $0] as Context })
        context["body"] = body.html
        context.put("attachments", document.attachments.map { attachment -> Context in
            let name = String(attachment.path.value.split(separator: "/").last ?? "")
            return [
                "name": name,
                "url": page.link(to: ContentGraph.sitePath(of: attachment.path)),
                "kind": Format.fileKind(name),
                "size": Format.size(attachment.size),
            ]
        })

        switch document.details {
        case .practice(let p):
            var practice: Context = [:]
            practice.put("authors", p.authors.map { ["name": $0] as Context })
            practice.put("organization", p.organization)
            practice.put("levels", p.levels.joined(separator: ", "))
            practice.put("subjects", p.subjects.joined(separator: ", "))
            practice.put("format", p.format)
            context["practice"] = practice
            context.put("deficits", links(from: page, ids: p.deficits))
            context.put("indicators", links(from: page, ids: p.indicators))
        case .mentoring(let m):
            var mentoring: Context = ["form": m.form]
            mentoring.put("duration", m.duration)
            mentoring.put("roles", m.roles.map { role -> Context in
                var item: Context = ["role": role.role]
                item.put("description", role.description)
                return item
            })
            mentoring.put("plan", m.plan.map { step -> Context in
                var row: Context = ["activity": step.activity]
                row.put("stage", step.stage)
                row.put("due", step.due)
                row.put("result", step.result)
                return row
            })
            context["mentoring"] = mentoring
            context.put("deficits", links(from: page, ids: m.deficits))
            context.put("indicators", links(from: page, ids: m.indicators))
        case .iom(let i):
            var route: Context = [:]
            route.put("position", i.teacher.position)
            route.put("experience", i.teacher.experience)
            route.put("category", i.teacher.category)
            route.put("goal", i.goal)
            route.put("tasks", i.tasks.map { ["task": $0] as Context })
            route.put("plan", i.plan.map { step -> Context in
                var row: Context = ["activity": step.activity]
                row.put("direction", step.direction)
                row.put("due", step.due)
                row.put("reporting", step.reporting)
                row.put("result", step.result)
                return row
            })
            route.put("expectedResults", i.expectedResults.map { ["result": $0] as Context })
            context["iom"] = route
            context.put("deficits", links(from: page, ids: i.deficits))
            context.put("indicators", links(from: page, ids: i.indicators))
        case .regulation(let r):
            var regulation: Context = ["status": r.status, "inactive": r.status != "действует", "approved": false]
            if let approved = r.approved {
                var approval: Context = [:]
                approval.put("by", approved.by)
                approval.put("order", approved.order)
                approval.put("date", approved.date?.russian)
                regulation["approved"] = approval
            }
            regulation.put("toc", body.headings.filter { $0.level == 2 }.map { ["title": $0.text, "anchor": $0.anchor] as Context })
            context["regulation"] = regulation
            context.put("activities", activityReferences(to: index, role: .regulation, from: page))
        case .roadmap(let r):
            var roadmap: Context = [:]
            roadmap.put("period", period(r))
            roadmap.put("level", r.level)
            roadmap.put("organization", r.organization)
            roadmap.put("stages", r.stages.map { stage -> Context in
                [
                    "title": stage.title,
                    "activities": stage.activities.map { activity -> Context in
                        var row: Context = ["title": activity.title]
                        row.put("n", activity.number)
                        row.put("due", activity.due)
                        row.put("responsible", activity.responsible)
                        row.put("result", activity.result)
                        row.put("report", activity.report)
                        row["regulation"] = activity.regulation.flatMap { graph.document(id: $0) }.map { link(from: page, to: $0) } ?? false
                        row.put("indicators", links(from: page, ids: activity.indicators))
                        return row
                    },
                ] as Context
            })
            context["roadmap"] = roadmap
        case .deficit(let d):
            var deficit: Context = ["group": d.group]
            deficit.put("diagnostics", d.diagnostics)
            context["deficit"] = deficit
            context.put("addressedBy", groupedReferences(to: index, role: .deficit, from: page))
        case .indicator(let i):
            var indicator: Context = ["unit": i.unit]
            indicator.put("kind", i.kind)
            indicator.put("calculation", i.calculation)
            var values: [Any] = []
            if let base = i.base {
                values.append(["year": base.year, "value": Format.number(base.value), "label": "базовое значение"] as Context)
            }
            values += i.targets.map { ["year": $0.year, "value": Format.number($0.value), "label": "целевое значение"] as Context }
            indicator.put("values", values)
            indicator.put("chart", IndicatorChart.svg(title: document.title, unit: i.unit, base: i.base, targets: i.targets))
            context["indicator"] = indicator
            context.put("activities", activityReferences(to: index, role: .indicator, from: page))
            context.put("citedBy", groupedReferences(to: index, role: .indicator, from: page, excluding: [.roadmap]))
        case .handout(let h):
            context["handout"] = qrSheet(h.selection.resolve(in: graph).documents, from: page)
        }
        context.put("mentionedBy", mentions(of: index).map { link(from: page, to: $0) })
        var print: Context = ["title": document.title]
        print.put("revised", document.revised?.russian)
        print.put("shortURL", shortURL(of: index))
        print.put("qr", qrCodes.isEmpty ? nil : qrCodes[index])
        context["print"] = print
        return context
    }

    /// The documents whose text links to document `index` («Ссылаются на этот документ»), in
    /// back-reference order.
    func mentions(of index: Int) -> [Int] {
        graph.backReferences[index].filter { $0.role == .link }.map(\.source)
    }

    /// Back-references of one role, grouped by the type of the referring document.
    func groupedReferences(to index: Int, role: ReferenceRole, from page: SitePath, excluding: [DocumentType] = []) -> [Any] {
        let references = graph.backReferences[index].filter { $0.role == role }
        return DocumentType.allCases.filter { !excluding.contains($0) }.compactMap { type -> Context? in
            let sources = references.filter { graph.documents[$0.source].type == type }.map(\.source)
            guard !sources.isEmpty else { return nil }
            var seen = Set<Int>()
            return ["title": type.pluralName, "items": sources.filter { seen.insert($0).inserted }.map { link(from: page, to: $0) }]
        }
    }

    /// Roadmap activities that point here, grouped by roadmap.
    func activityReferences(to index: Int, role: ReferenceRole, from page: SitePath) -> [Any] {
        let references = graph.backReferences[index].filter { $0.role == role && $0.activity != nil }
        var order: [Int] = []
        var grouped: [Int: [ActivityLabel]] = [:]
        for reference in references {
            if grouped[reference.source] == nil { order.append(reference.source) }
            grouped[reference.source, default: []].append(reference.activity!)
        }
        return order.map { source -> Context in
            var item = link(from: page, to: source)
            item["activities"] = grouped[source]!.map { ["n": $0.number, "title": $0.title] as Context }
            return item
        }
    }
}
