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
        // On bytes: every relative link of every body comes through here on each rebuild.
        var path = Array(source.value.utf8)
        // The folder of `source`: everything before its last slash.
        while let last = path.last, last != UInt8(ascii: "/") { path.removeLast() }
        if !path.isEmpty { path.removeLast() }
        for component in written.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true) {
            if component.elementsEqual(".".utf8) { continue }
            if component.elementsEqual("..".utf8) {
                if path.isEmpty { return nil }
                while let last = path.last, last != UInt8(ascii: "/") { path.removeLast() }
                if !path.isEmpty { path.removeLast() }
                continue
            }
            if !path.isEmpty { path.append(UInt8(ascii: "/")) }
            path.append(contentsOf: component)
        }
        return ContentPath(String(decoding: path, as: UTF8.self))
    }

    public static func resolve(_ written: String, from source: ContentPath, siteRoot: FilePath) -> Resolution {
        let decoded = written.removingPercentEncoding ?? written
        if decoded.hasPrefix("/") || decoded.hasPrefix("~") || decoded.utf8.contains(UInt8(ascii: "\\")) { return .absolute }
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
