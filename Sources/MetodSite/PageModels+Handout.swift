import MetodContent
import MetodCore

/// A sheet of QR cards asked for on the command line (`metodbank qr`).
public struct HandoutRequest: Sendable {
    /// The file name in `handouts/` (without `.html`).
    public var name: String
    public var title: String
    public var selection: HandoutSelection

    public init(name: String, title: String, selection: HandoutSelection) {
        self.name = name
        self.title = title
        self.selection = selection
    }

    public var path: SitePath { SitePath("handouts/\(name).html") }
}

extension PageModels {
    /// The cards of a sheet: title, type, short address and code of each chosen document.
    func qrSheet(_ documents: [Int], from page: SitePath) -> Context {
        var sheet: Context = [:]
        sheet.put("cards", documents.map { index -> Context in
            var card = link(from: page, to: index)
            card.put("shortURL", shortURL(of: index))
            card.put("qr", qrCodes.isEmpty ? nil : qrCodes[index])
            return card
        })
        sheet["count"] = Format.plural(documents.count, "карточка", "карточки", "карточек")
        return sheet
    }

    func handout(_ request: HandoutRequest, documents: [Int]) -> Context {
        var context = frame(request.path, title: request.title, section: .handout)
        context["handout"] = qrSheet(documents, from: request.path)
        return context
    }
}
