import Foundation
import MetodContent
import MetodCore
import Mustache

/// Writes a new document from its type's archetype: file name and id transliterated from the
/// title, today's date, every field of the type with a hint. Never overwrites anything.
public struct NewDocument {
    public var siteRoot: FilePath
    public var type: DocumentType
    public var title: String
    public var today: DocumentDate = .today

    public init(siteRoot: FilePath, type: DocumentType, title: String) {
        self.siteRoot = siteRoot
        self.type = type
        self.title = title
    }

    public enum Problem: Error, CustomStringConvertible {
        case emptyTitle
        case noLatinID(String)
        case config([Diagnostic])
        case noArchetype(String)
        case io(String)

        public var description: String {
            switch self {
            case .emptyTitle: "укажите название документа, например: metodbank new practice \"Наставничество в школе\""
            case .noLatinID(let title): "из названия «\(title)» не получается идентификатор: в нём нет ни букв, ни цифр"
            case .config(let diagnostics): diagnostics.map(\.description).joined(separator: "\n")
            case .noArchetype(let type): "в теме нет заготовки archetypes/\(type).md"
            case .io(let message): "не удалось записать файл: \(message)"
            }
        }
    }

    /// Creates the file and returns its path relative to the site root.
    public func create() throws(Problem) -> ContentPath {
        let trimmed = title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .emptyTitle }
        let base = Transliteration.slug(trimmed)
        guard !base.isEmpty else { throw .noLatinID(trimmed) }
        let (config, problems) = SiteConfigLoader.load(siteRoot: siteRoot)
        guard let config else { throw .config(problems) }
        let (theme, _) = Theme.load(siteRoot: siteRoot, name: config.theme)
        guard let archetype = theme.archetypes[type.rawValue] else { throw .noArchetype(type.rawValue) }

        let taken = Self.takenIDs(siteRoot: siteRoot)
        var id = base
        var n = 1
        while taken.contains(id) || FileManager.default.fileExists(atPath: siteRoot.appending("content/\(type.folder)/\(id).md").value) {
            n += 1
            id = "\(base)-\(n)"
        }
        let context: [String: Any] = [
            "title": Self.yamlQuoted(trimmed),
            "date": today.description,
            "year": today.year,
            "nextYear": today.year + 1,
            "id": id,
        ]
        let text: String
        do {
            text = try MustacheTemplate(string: archetype).render(context)
        } catch {
            throw .noArchetype(type.rawValue)
        }
        let path = ContentPath("content/\(type.folder)/\(id).md")
        let file = siteRoot.appending(path.value)
        do {
            try FileManager.default.createDirectory(atPath: file.parent.value, withIntermediateDirectories: true)
            // withoutOverwriting: a file that appeared meanwhile is never replaced.
            try Data(text.utf8).write(to: file.url, options: .withoutOverwriting)
        } catch {
            throw .io("\(path.value): \(error.localizedDescription)")
        }
        return path
    }

    /// Ids and former ids in use: file names, and ids or aliases written in front matter.
    static func takenIDs(siteRoot: FilePath) -> Set<String> {
        let content = ContentLoader.load(siteRoot: siteRoot)
        var ids = Set(content.documents.flatMap { [$0.id] + $0.aliases })
        for document in content.documents { ids.insert(String(document.source.value.split(separator: "/").last!.dropLast(3))) }
        return ids
    }

    /// A YAML double-quoted scalar.
    static func yamlQuoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
