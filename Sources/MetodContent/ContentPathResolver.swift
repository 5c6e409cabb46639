import Foundation
import MetodCore

/// Resolves a path written in a document relative to that document, refusing anything that
/// would leave `content/` (`..`, absolute paths, symbolic links pointing out of the tree).
public enum ContentPathResolver {
    public enum Resolution: Equatable {
        case file(ContentPath, size: Int)
        case absolute
        case outside
        case missing
    }

    /// Normalises `written` against the folder of `source`; `nil` when it climbs above the site root.
    public static func normalize(_ written: String, from source: ContentPath) -> ContentPath? {
        var parts = source.directory.split(separator: "/")
        for component in written.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..":
                if parts.isEmpty { return nil }
                parts.removeLast()
            default: parts.append(component)
            }
        }
        return ContentPath(parts.joined(separator: "/"))
    }

    public static func resolve(_ written: String, from source: ContentPath, siteRoot: FilePath) -> Resolution {
        let decoded = written.removingPercentEncoding ?? written
        if decoded.hasPrefix("/") || decoded.hasPrefix("~") || decoded.contains("\\") { return .absolute }
        guard let path = normalize(decoded, from: source), path.value.hasPrefix("content/") else { return .outside }
        let file = siteRoot.appending(path.value)
        let contentRoot = siteRoot.appending("content").url.resolvingSymlinksInPath().path
        let real = file.url.resolvingSymlinksInPath().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file.value, isDirectory: &isDirectory), !isDirectory.boolValue else {
            return .missing
        }
        guard real.hasPrefix(contentRoot + "/") else { return .outside }
        let size = (try? FileManager.default.attributesOfItem(atPath: real)[.size] as? Int) ?? 0
        return .file(path, size: size)
    }
}
