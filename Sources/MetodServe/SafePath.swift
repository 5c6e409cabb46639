import Foundation
import MetodCore

/// Maps a request path to a file inside the output folder, and to nothing else: `..` in any
/// spelling, backslashes, NUL bytes and symbolic links leading out are refused.
public enum SafePath {
    public static func resolve(_ rawPath: String, in root: FilePath) -> FilePath? {
        guard let decoded = rawPath.removingPercentEncoding, decoded.hasPrefix("/") else { return nil }
        if decoded.contains("\0") || decoded.contains("\\") { return nil }
        var components: [String] = []
        for component in decoded.split(separator: "/", omittingEmptySubsequences: true) {
            if component == ".." || component == "." { return nil }
            components.append(String(component))
        }
        var file = root.appending(components.joined(separator: "/"))
        var isDirectory: ObjCBool = false
        if components.isEmpty || (FileManager.default.fileExists(atPath: file.value, isDirectory: &isDirectory) && isDirectory.boolValue) {
            file = file.appending("index.html")
        }
        let realRoot = root.url.resolvingSymlinksInPath().path
        let real = file.url.resolvingSymlinksInPath().path
        guard real.hasPrefix(realRoot + "/"), FileManager.default.fileExists(atPath: real, isDirectory: &isDirectory), !isDirectory.boolValue else {
            return nil
        }
        return FilePath(real)
    }

    static let contentTypes: [String: String] = [
        "html": "text/html; charset=utf-8", "css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8",
        "json": "application/json; charset=utf-8", "xml": "application/xml; charset=utf-8", "svg": "image/svg+xml",
        "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif", "webp": "image/webp",
        "pdf": "application/pdf", "txt": "text/plain; charset=utf-8", "csv": "text/csv; charset=utf-8",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "doc": "application/msword", "odt": "application/vnd.oasis.opendocument.text",
    ]

    static func contentType(of file: FilePath) -> String {
        contentTypes[file.url.pathExtension.lowercased()] ?? "application/octet-stream"
    }
}
