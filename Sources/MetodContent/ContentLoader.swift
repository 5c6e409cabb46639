import Foundation
import MetodCore

/// A file under `content/` that is not a document: attachments, images, files linked from bodies.
public struct ContentFile: Hashable, Sendable {
    public var path: ContentPath
    public var size: Int
}

/// The bank as read from disk: every document that decoded, every problem found.
public struct LoadedContent: Sendable {
    public var documents: [Document]
    public var files: [ContentPath: ContentFile]
    public var diagnostics: [Diagnostic]
}

/// Walks `content/`, reads and decodes every Markdown file on all cores.
public enum ContentLoader {
    /// With a `cache` (kept by `serve`), a file whose bytes did not change is not decoded again.
    public static func load(siteRoot: FilePath, cache: DecodeCache? = nil) -> LoadedContent {
        let contentRoot = siteRoot.appending("content")
        var markdown: [ContentPath] = []
        var files: [ContentPath: ContentFile] = [:]
        var diagnostics: [Diagnostic] = []
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: contentRoot.value, isDirectory: &isDirectory), isDirectory.boolValue else {
            return LoadedContent(documents: [], files: [:], diagnostics: [
                Diagnostic(.error, file: contentRoot.value, "нет папки content/ с документами банка"),
            ])
        }
        let keys: [URLResourceKey] = [.isRegularFileKey, .isSymbolicLinkKey, .fileSizeKey]
        if let enumerator = FileManager.default.enumerator(at: contentRoot.url, includingPropertiesForKeys: keys, options: []) {
            let rootLength = contentRoot.url.standardizedFileURL.path.count + 1
            for case let url as URL in enumerator {
                let relative = String(url.standardizedFileURL.path.dropFirst(rootLength))
                let name = url.lastPathComponent
                if name.hasPrefix(".") { continue }
                guard let values = try? url.resourceValues(forKeys: Set(keys)) else { continue }
                let path = ContentPath("content/" + relative)
                if values.isSymbolicLink == true {
                    // Followed only when it stays inside content/ (checked where it is used).
                    let real = url.resolvingSymlinksInPath()
                    guard (try? real.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
                } else if values.isRegularFile != true {
                    continue
                }
                if name.hasSuffix(".md") {
                    markdown.append(path)
                } else {
                    files[path] = ContentFile(path: path, size: values.fileSize ?? 0)
                }
            }
        }
        markdown.sort()
        // A decoded document depends on its bytes and on which attachments exist.
        var listing = Hasher()
        for path in files.keys.sorted() { listing.combine(path); listing.combine(files[path]!.size) }
        let attachments = listing.finalize()
        cache?.keep(only: Set(markdown))
        let results = markdown.parallelMap { path -> (Document?, [Diagnostic]) in
            decodeFile(path, siteRoot: siteRoot, cache: cache, attachments: attachments)
        }
        var documents: [Document] = []
        for (document, problems) in results {
            diagnostics += problems
            if let document { documents.append(document) }
        }
        let revisions = RevisionDates.load(siteRoot: siteRoot, files: documents.filter { $0.updated == nil }.map(\.source))
        for i in documents.indices where documents[i].updated == nil {
            documents[i].lastChanged = revisions[documents[i].source]
        }
        return LoadedContent(documents: documents, files: files, diagnostics: diagnostics)
    }

    static func decodeFile(_ path: ContentPath, siteRoot: FilePath, cache: DecodeCache? = nil, attachments: Int = 0) -> (Document?, [Diagnostic]) {
        let start = SourceLocation(file: path, line: 1, column: 1)
        let file = siteRoot.appending(path.value)
        let real = file.url.resolvingSymlinksInPath().path
        let contentRoot = siteRoot.appending("content").url.resolvingSymlinksInPath().path
        guard real.hasPrefix(contentRoot + "/") else {
            return (nil, [.error(ContentMessage.leavesContent("символическая ссылка", path.value), at: start)])
        }
        guard let data = FileManager.default.contents(atPath: real) else {
            return (nil, [.error("не удалось прочитать файл", at: start)])
        }
        var key = Hasher()
        key.combine(attachments)
        key.combine(ContentHash.of(data))
        let hash = key.finalize()
        if let cached = cache?.result(for: path, hash: hash) { return cached }
        let result: (Document?, [Diagnostic])
        switch TextDecoding.decode(data) {
        case .failure(let problem):
            result = (nil, [.error(problem.message, at: start)])
        case .success(let text):
            let bag = DiagnosticBag()
            let document = DocumentDecoder(siteRoot: siteRoot, source: path).decode(text, bag: bag)
            // Kept even with field errors, so its references are checked in the same run.
            result = (document, bag.items + PersonalData.scan(text, file: path))
        }
        cache?.store(result, for: path, hash: hash)
        return result
    }
}

/// Checks that a file is UTF-8 text and names the likely encoding when it is not.
enum TextDecoding {
    enum Problem: Error {
        case binary, windows1251, invalidUTF8
        var message: String {
            switch self {
            case .binary: ContentMessage.binaryFile
            case .windows1251: ContentMessage.windows1251
            case .invalidUTF8: ContentMessage.invalidUTF8
            }
        }
    }

    static func decode(_ data: Data) -> Result<String, Problem> {
        if data.withUnsafeBytes({ $0.count > 0 && memchr($0.baseAddress!, 0, $0.count) != nil }) { return .failure(.binary) }
        if let text = data.withUnsafeBytes({ String(validating: $0.bindMemory(to: UInt8.self), as: UTF8.self) }) {
            return .success(text)
        }
        // Windows-1251 Cyrillic sits in 0xC0–0xFF; in such a file most high bytes are there.
        let high = data.filter { $0 >= 0x80 }
        let cyrillic = high.filter { $0 >= 0xC0 || $0 == 0xA8 || $0 == 0xB8 }
        if !high.isEmpty, Double(cyrillic.count) / Double(high.count) > 0.8 { return .failure(.windows1251) }
        return .failure(.invalidUTF8)
    }
}

/// Decoded documents kept between builds of one process (`serve`), by the hash of their bytes.
public final class DecodeCache: @unchecked Sendable {
    private var entries: [ContentPath: (hash: Int, result: (Document?, [Diagnostic]))] = [:]
    private let lock = NSLock()
    /// Files decoded (not taken from the cache) by the last load.
    public private(set) var decoded = 0

    public init() {}

    func result(for path: ContentPath, hash: Int) -> (Document?, [Diagnostic])? {
        lock.withLock {
            guard let entry = entries[path], entry.hash == hash else { return nil }
            return entry.result
        }
    }

    func store(_ result: (Document?, [Diagnostic]), for path: ContentPath, hash: Int) {
        lock.withLock {
            entries[path] = (hash, result)
            decoded += 1
        }
    }

    /// Forgets deleted files and starts counting the next load.
    func keep(only paths: Set<ContentPath>) {
        lock.withLock {
            entries = entries.filter { paths.contains($0.key) }
            decoded = 0
        }
    }
}
