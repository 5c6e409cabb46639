import Foundation
import MetodCore

/// Reads `metodbank.yml` at the site root.
public enum SiteConfigLoader {
    public static let fileName = "metodbank.yml"

    public static func load(siteRoot: FilePath) -> (SiteConfig?, [Diagnostic]) {
        let path = siteRoot.appending(fileName)
        let file = ContentPath(fileName)
        guard let data = FileManager.default.contents(atPath: path.value) else {
            return (nil, [Diagnostic(.error, file: path.value, "не найден файл настроек \(fileName): папка \(siteRoot.value) не является банком (нужны \(fileName) и папка content/); укажите папку банка через --source")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return (nil, [Diagnostic(.error, file: fileName, ContentMessage.invalidUTF8)])
        }
        let bag = DiagnosticBag()
        let start = SourceLocation(file: file, line: 1, column: 1)
        let locator = NodeLocator(file: file, lineOffset: 0, fallback: start)
        let node: YAMLNode
        do {
            node = try YAMLComposer.compose(text) ?? YAMLNode.emptyMapping
        } catch {
            let location = error.mark.map { SourceLocation(file: file, line: $0.line, column: $0.column) } ?? start
            return (nil, [.error(ContentMessage.yamlSyntax(DocumentDecoder.describe(error, lineOffset: 0)), at: location)])
        }
        var fields = Fields(node, locator: locator, bag: bag)
        let title = fields.text("title") ?? "Методический банк"
        var baseURL = fields.text("base_url")
        if let url = baseURL {
            if !(url.hasPrefix("http://") || url.hasPrefix("https://")) || url.contains(" ") {
                bag.error("base_url «\(url)» должен быть адресом вида https://bank.example.ru/", at: fields.valueLocation("base_url"))
                baseURL = nil
            } else if !url.hasSuffix("/") {
                baseURL = url + "/"
            }
        }
        let language = fields.text("language") ?? "ru"
        let theme = fields.text("theme") ?? "default"
        if !DocumentDecoder.isValidID(theme) {
            bag.error("имя темы «\(theme)» допускает только строчные латинские буквы, цифры и «-»", at: fields.valueLocation("theme"))
        }
        let output = fields.text("output") ?? "site"
        let qrLevel = fields.choice("qr_level", allowed: ["L", "M", "Q", "H"], normalize: { $0.uppercased() }) ?? "M"
        if baseURL == nil, !bag.hasErrors {
            bag.warning("не задан base_url: печатные страницы будут без QR-кодов, а сайт — без sitemap.xml и ленты обновлений; укажите адрес сайта, например base_url: https://metodbank.example.ru/", at: start)
        }
        reportUnknownConfig(fields, bag: bag)
        let config = SiteConfig(title: title, baseURL: baseURL, language: language, theme: theme, output: output, qrLevel: qrLevel)
        return (bag.hasErrors ? nil : config, bag.items)
    }

    private static func reportUnknownConfig(_ fields: Fields, bag: DiagnosticBag) {
        guard let mapping = fields.node.mapping else { return }
        let known = ["title", "base_url", "language", "theme", "output", "qr_level"]
        for (key, _) in mapping {
            let name = key.scalar ?? ""
            if !known.contains(name) {
                bag.error("неизвестный параметр «\(name)» в \(fileName)\(ContentMessage.didYouMean(Suggestion.closest(to: name, in: known)))",
                          at: fields.locator.location(key))
            }
        }
    }
}
