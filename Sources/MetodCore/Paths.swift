import Foundation

/// A path of a content file relative to the site root (`content/practices/x.md`).
public struct ContentPath: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let value: String
    public init(_ value: String) { self.value = value }
    /// The path as shown to the user in diagnostics.
    public var displayPath: String { value }
    public var description: String { value }
    public static func < (lhs: ContentPath, rhs: ContentPath) -> Bool { lhs.value < rhs.value }

    /// The folder part, `content/practices` for `content/practices/x.md`.
    public var directory: String {
        guard let slash = value.lastIndex(of: "/") else { return "" }
        return String(value[..<slash])
    }
}

/// A path inside the generated site, relative to its root, with `/` separators
/// (`practices/x.html`). Pages link to each other through `relative(to:)`.
public struct SitePath: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let value: String
    public init(_ value: String) { self.value = value }
    public var description: String { value }
    public static func < (lhs: SitePath, rhs: SitePath) -> Bool { lhs.value < rhs.value }

    /// How many folders deep the file is: `practices/x.html` is 1.
    public var depth: Int {
        // Counts non-empty components on bytes: this runs for every link of every page.
        var components = 0
        var inComponent = false
        for byte in value.utf8 {
            if byte == UInt8(ascii: "/") {
                inComponent = false
            } else if !inComponent {
                inComponent = true
                components += 1
            }
        }
        return max(components, 1) - 1
    }

    /// The prefix that leads from this file back to the site root: `../` for depth 1, `` at the root.
    public var rootPrefix: String { String(repeating: "../", count: depth) }

    /// A relative link from the page at `self` to `target` (which names a file, never a folder).
    public func link(to target: SitePath, fragment: String? = nil) -> String {
        var link = rootPrefix + target.value
        if let fragment, !fragment.isEmpty { link += "#" + fragment }
        return link
    }
}

/// An absolute path on disk.
public struct FilePath: Hashable, Sendable, CustomStringConvertible {
    public let value: String
    public init(_ value: String) {
        self.value = value.count > 1 && value.hasSuffix("/") ? String(value.dropLast()) : value
    }
    public var description: String { value }
    public var url: URL { URL(fileURLWithPath: value) }

    public func appending(_ component: String) -> FilePath {
        FilePath(value.hasSuffix("/") ? value + component : value + "/" + component)
    }

    public var lastComponent: String { url.lastPathComponent }
    public var parent: FilePath { FilePath(url.deletingLastPathComponent().path) }

    /// Makes a user-typed path absolute against the current folder.
    public static func resolving(_ path: String, against base: String = FileManager.default.currentDirectoryPath) -> FilePath {
        let absolute = path.hasPrefix("/") ? path : base + "/" + path
        return FilePath(URL(fileURLWithPath: absolute).standardizedFileURL.path)
    }
}
