import Foundation
import MetodCore
import Mustache

/// The templates and assets of a site: the built-in default theme, overridden file by file by
/// `themes/default/` and then `themes/<name>/` in the site root.
public struct Theme: Sendable {
    /// Template sources by name (`document`, `partials/roadmap`), before compilation.
    public private(set) var templateSources: [String: String] = [:]
    /// Static files by path inside `assets/` (`style.css`).
    public private(set) var assets: [String: Data] = [:]
    /// Templates of new documents by type (`practice`), for `metodbank new`.
    public private(set) var archetypes: [String: String] = [:]
    /// Where each file came from, for messages (`themes/school/templates/home.mustache`).
    public private(set) var origins: [String: String] = [:]

    /// Whether a template may name a partial by a value (`{{>*name}}`, `{{<*name}}`). Found by
    /// a loose search of the sources: a false alarm only makes rendering a little slower.
    var namesPartialsByValue: Bool {
        templateSources.values.contains { $0.range(of: #"[<>]\s*\*"#, options: .regularExpression) != nil }
    }

    public static func load(siteRoot: FilePath, name: String) -> (Theme, [Diagnostic]) {
        var theme = Theme()
        for (path, base64) in EmbeddedTheme.files {
            if let data = Data(base64Encoded: base64) { theme.add(path: path, data: data, origin: "встроенная тема") }
        }
        var diagnostics: [Diagnostic] = []
        var folders = ["default"]
        if name != "default" {
            let folder = siteRoot.appending("themes/\(name)")
            if !FileManager.default.fileExists(atPath: folder.value) {
                diagnostics.append(Diagnostic(.error, file: SiteConfigFile.name, "тема «\(name)» не найдена: нет папки themes/\(name)/"))
            }
            folders.append(name)
        }
        for folder in folders {
            let root = siteRoot.appending("themes/\(folder)")
            for relative in Self.files(under: root) {
                if let data = FileManager.default.contents(atPath: root.appending(relative).value) {
                    theme.add(path: relative, data: data, origin: "themes/\(folder)/\(relative)")
                }
            }
        }
        return (theme, diagnostics)
    }

    private mutating func add(path: String, data: Data, origin: String) {
        if path.hasPrefix("templates/"), path.hasSuffix(".mustache") {
            let name = String(path.dropFirst("templates/".count).dropLast(".mustache".count))
            templateSources[name] = String(decoding: data, as: UTF8.self)
            origins[name] = origin
        } else if path.hasPrefix("archetypes/"), path.hasSuffix(".md") {
            archetypes[String(path.dropFirst("archetypes/".count).dropLast(".md".count))] = String(decoding: data, as: UTF8.self)
        } else if path.hasPrefix("assets/") {
            assets[String(path.dropFirst("assets/".count))] = data
        }
    }

    static func files(under root: FilePath) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: root.value) else { return [] }
        var files: [String] = []
        for case let path as String in enumerator {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root.appending(path).value, isDirectory: &isDirectory), !isDirectory.boolValue,
               !path.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
                files.append(path)
            }
        }
        return files.sorted()
    }

    /// The compiled templates, their problems, and whether contexts must hold plain strings
    /// (`namesPartialsByValue`).
    func compiled() -> CompiledTheme {
        let (library, problems) = compile()
        return (library, problems, namesPartialsByValue, fresh: true)
    }

    /// What `compiled()` gives; `fresh` is false when serve's cache kept the templates.
    typealias CompiledTheme = (library: MustacheLibrary?, problems: [Diagnostic], plainStrings: Bool, fresh: Bool)

    /// Compiles every template once; a syntax error names the template file, line and column.
    public func compile() -> (MustacheLibrary?, [Diagnostic]) {
        HTMLText.register()
        var library = MustacheLibrary()
        var diagnostics: [Diagnostic] = []
        for name in templateSources.keys.sorted() {
            do {
                // Escape values with our byte-level escaper; the pragma renders to nothing.
                try library.register(HTMLText.pragma + templateSources[name]!, named: name)
            } catch let error as MustacheTemplate.ParserError {
                let context = error.context
                // swift-mustache counts columns from 0.
                let column = context.columnNumber + 1 - (context.lineNumber == 1 ? HTMLText.pragma.count : 0)
                let location = SourceLocation(file: ContentPath(origins[name] ?? name), line: context.lineNumber, column: max(1, column))
                diagnostics.append(Diagnostic(.error, at: location, "ошибка в шаблоне: \(Self.describe(error.error))"))
            } catch {
                diagnostics.append(Diagnostic(.error, file: origins[name] ?? name, "ошибка в шаблоне: \(error)"))
            }
        }
        return (diagnostics.isEmpty ? library : nil, diagnostics)
    }

    private static func describe(_ error: any Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect: "закрывающий тег не совпадает с открытой секцией"
        case .unfinishedName: "тег не закрыт или в имени недопустимый символ"
        case .expectedSectionEnd: "секция не закрыта: нет тега {{/…}}"
        case .invalidSetDelimiter: "неверная смена разделителей"
        case .transformAppliedToInheritanceSection, .illegalTokenInsideInheritSection, .textInsideInheritSection:
            "внутри {{< …}} допустимы только блоки {{$…}}"
        case .invalidConfigVariableSyntax, .unrecognisedConfigVariable: "неизвестная настройка {{% …}}"
        case nil: "\(error)"
        }
    }
}

/// HTML escaping for template values, done on bytes (swift-mustache's own escaper looks each
/// `Character` up in a dictionary, which took half the rendering time).
struct HTMLText: MustacheContentType {
    static let name = "METODBANK_HTML"
    static let pragma = "{{%CONTENT_TYPE:\(name)}}"
    private static let registration: Void = MustacheContentTypes.register(HTMLText(), named: name)

    static func register() { _ = registration }

    func escapeText(_ text: String) -> String { Escape.html(text) }
}

enum SiteConfigFile {
    static let name = "metodbank.yml"
}
