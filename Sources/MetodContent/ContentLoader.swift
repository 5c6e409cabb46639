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
        var markdown: [WalkedFile] = []
        var files: [ContentPath: ContentFile] = [:]
        var diagnostics: [Diagnostic] = []
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: contentRoot.value, isDirectory: &isDirectory), isDirectory.boolValue else {
            return LoadedContent(documents: [], files: [:], diagnostics: [
                Diagnostic(.error, file: contentRoot.value, "нет папки content/ с документами банка"),
            ])
        }
        let now = FileStamp.now
        for file in cache?.takeWalked() ?? ContentWalk.files(under: contentRoot) {
            if file.path.value.hasSuffix(".md") {
                markdown.append(file)
            } else {
                files[file.path] = ContentFile(path: file.path, size: file.stamp.size)
            }
        }
        markdown.sort { $0.path < $1.path }
        // A decoded document depends on its bytes and on which attachments exist.
        var listing = Hasher()
        for path in files.keys.sorted() { listing.combine(path); listing.combine(files[path]!.size) }
        let attachments = listing.finalize()
        cache?.keep(only: Set(markdown.map(\.path)))
        let realRoot = contentRoot.url.resolvingSymlinksInPath().path
        // Files unchanged since serve's last build (by size, dates and inode) are looked up all
        // at once: a lock per file was contended by the threads.
        let unchanged = cache?.results(for: markdown.map { $0.isLink || !$0.stamp.isSettled(at: now) ? nil : ($0.path, $0.stamp) }, attachments: attachments)
        let walked = markdown
        let results = walked.indices.parallelMap { i -> (Document?, [Diagnostic]) in
            if let result = unchanged?[i] { return result }
            let file = walked[i]
            let stamp = file.stamp.isSettled(at: now) ? file.stamp : nil
            return decodeFile(file.path, siteRoot: siteRoot, realRoot: realRoot, isLink: file.isLink, stamp: stamp, cache: cache, attachments: attachments)
        }
        var documents: [Document] = []
        // The walk's date of each document's file (a link's is its own, not its target's: asked for).
        var stamps: [FileStamp?] = []
        for i in results.indices {
            diagnostics += results[i].1
            if let document = results[i].0 {
                documents.append(document)
                stamps.append(walked[i].isLink ? nil : walked[i].stamp)
            }
        }
        let undated = documents.indices.filter { documents[$0].updated == nil }
        let revisions = RevisionDates.load(siteRoot: siteRoot, files: undated.map { documents[$0].source }, stamps: undated.map { stamps[$0] }, cache: cache)
        for (i, date) in zip(undated, revisions) {
            documents[i].lastChanged = date
        }
        return LoadedContent(documents: documents, files: files, diagnostics: diagnostics)
    }

    static func decodeFile(
        _ path: ContentPath, siteRoot: FilePath, realRoot: String, isLink: Bool, stamp: FileStamp?,
        cache: DecodeCache? = nil, attachments: Int = 0
    ) -> (Document?, [Diagnostic]) {
        let start = SourceLocation(file: path, line: 1, column: 1)
        let file = siteRoot.appending(path.value)
        // The walk does not enter linked folders, so only a linked file can lead out of content/.
        let real = isLink ? file.url.resolvingSymlinksInPath().path : file.value
        guard !isLink || real.hasPrefix(realRoot + "/") else {
            return (nil, [.error(ContentMessage.leavesContent("символическая ссылка", path.value), at: start)])
        }
        // Same size and dates as at the last build (and the same attachments): not read again.
        if let stamp, let cached = cache?.result(for: path, stamp: stamp, attachments: attachments) { return cached }
        guard let data = FileManager.default.contents(atPath: real) else {
            return (nil, [.error("не удалось прочитать файл", at: start)])
        }
        var key = Hasher()
        key.combine(attachments)
        key.combine(ContentHash.of(data))
        let hash = key.finalize()
        if let cached = cache?.result(for: path, hash: hash, stamp: stamp, attachments: attachments) { return cached }
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
        cache?.store(result, for: path, hash: hash, stamp: stamp, attachments: attachments)
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

/// Decoded documents kept between builds of one process (`serve`). A file whose size, dates
/// and inode did not change is not read; one that was touched but has the same bytes is not decoded.
public final class DecodeCache: @unchecked Sendable {
    /// A class: looking an entry up then copies one reference, not every field of its document
    /// (which showed in profiles of serve's rebuild, 10,000 lookups at a time).
    private final class Entry {
        let hash: Int
        var stamp: FileStamp?
        let attachments: Int
        let result: (Document?, [Diagnostic])

        init(hash: Int, stamp: FileStamp?, attachments: Int, result: (Document?, [Diagnostic])) {
            self.hash = hash
            self.stamp = stamp
            self.attachments = attachments
            self.result = result
        }
    }

    private var entries: [ContentPath: Entry] = [:]
    private let lock = NSLock()
    private var keptHistory: (head: Data, dates: [String: DocumentDate])?
    private var keptWalk: [WalkedFile]?

    /// The dates of the git history as last read, and the `HEAD` they were read at.
    var history: (head: Data, dates: [String: DocumentDate])? {
        get { lock.withLock { keptHistory } }
        set { lock.withLock { keptHistory = newValue } }
    }
    /// Keeps the files of `content/` as serve's look for changes found them, for the next load.
    func keepWalk(_ files: [WalkedFile]) {
        lock.withLock { keptWalk = files }
    }

    /// The kept walk, once: a later load walks the folders itself.
    func takeWalked() -> [WalkedFile]? {
        lock.withLock {
            defer { keptWalk = nil }
            return keptWalk
        }
    }

    /// Files decoded (not taken from the cache) by the last load.
    public private(set) var decoded = 0
    /// Files read from disk by the last load.
    public private(set) var read = 0

    public init() {}

    /// The result for an unchanged file, judged by `stat` alone.
    func result(for path: ContentPath, stamp: FileStamp, attachments: Int) -> (Document?, [Diagnostic])? {
        results(for: [(path, stamp)], attachments: attachments)[0]
    }

    /// `result(for:stamp:attachments:)` for many files under one lock (nil: not asked, or not kept).
    func results(for files: [(path: ContentPath, stamp: FileStamp)?], attachments: Int) -> [(Document?, [Diagnostic])?] {
        lock.withLock {
            files.map { file in
                guard let file, let entry = entries[file.path], entry.stamp == file.stamp, entry.attachments == attachments else { return nil }
                return entry.result
            }
        }
    }

    /// The result for a file read again whose bytes (and attachments) are unchanged.
    func result(for path: ContentPath, hash: Int, stamp: FileStamp?, attachments: Int) -> (Document?, [Diagnostic])? {
        lock.withLock {
            read += 1
            guard let entry = entries[path], entry.hash == hash else { return nil }
            entry.stamp = stamp
            return entry.result
        }
    }

    func store(_ result: (Document?, [Diagnostic]), for path: ContentPath, hash: Int, stamp: FileStamp?, attachments: Int) {
        lock.withLock {
            entries[path] = Entry(hash: hash, stamp: stamp, attachments: attachments, result: result)
            decoded += 1
        }
    }

    /// The hash of each document's file bytes (and of its attachments listing) as last decoded;
    /// under one lock, as threads taking it per document contended.
    public func bytesHashes(of documents: [Document]) -> [Int?] {
        lock.withLock { documents.indices.map { entries[documents[$0].source]?.hash } }
    }

    /// Forgets deleted files and starts counting the next load.
    func keep(only paths: Set<ContentPath>) {
        lock.withLock {
            // Removed one by one: filtering made a new table of every document on each rebuild.
            for path in entries.keys.filter({ !paths.contains($0) }) { entries.removeValue(forKey: path) }
            decoded = 0
            read = 0
        }
    }
}
