import Foundation
import MetodCore

/// Receives the site's files as they are made. A full build writes each file into the staging
/// folder at once, so the pages are never all held in memory; serve's rebuild keeps only the
/// files whose bytes changed and writes them into the live site once everything rendered.
final class SiteOutput: @unchecked Sendable {
    private let folder: OutputFolder
    /// Hashes of the files last written into a live folder; `nil` for a staged build.
    private let previous: [SitePath: Int]?
    /// Whether to remember every file's hash (for the next rebuild of `serve`).
    private let tracksHashes: Bool
    private let lock = NSLock()
    private var changed: [SitePath: Data] = [:]
    /// Files streamed beside the live site whose bytes changed, waiting for `finish()`.
    private var streamed = Set<SitePath>()
    private var failure: OutputFolder.Problem?

    private(set) var hashes: [SitePath: Int] = [:]
    /// How many of the live folder's files (`previous`) this build gave again: when all of them,
    /// `finish()` has none to remove and does not look for any.
    private var previousGiven = 0
    private(set) var fileCount = 0
    private(set) var byteCount = 0
    private(set) var pageCount = 0
    /// Pages rendered by a template in this build (not taken from the build cache).
    private(set) var renderedPages = 0

    init(folder: OutputFolder, previous: [SitePath: Int]?, tracksHashes: Bool) {
        self.folder = folder
        self.previous = previous
        self.tracksHashes = tracksHashes || previous != nil
        // serve's rebuild records a hash for every file of the site again.
        if let previous { hashes.reserveCapacity(previous.count) }
    }

    /// Takes one file; safe to call from many threads. A write error is kept for `finish()`.
    /// `hash`, when the caller knows it, is `ContentHash.of(data)`.
    func add(_ path: SitePath, _ data: Data, rendered: Bool = false, hash known: Int? = nil) {
        let hash = tracksHashes ? known ?? ContentHash.of(data) : 0
        let isPage = path.value.hasSuffix(".html")
        let old = previous?[path]
        if previous == nil {
            do { try folder.write(data, to: path) } catch { lock.withLock { failure = failure ?? error } }
        }
        lock.withLock {
            if rendered, isPage { renderedPages += 1 }
            recordLocked(path, bytes: data.count, hash: hash, changed: previous != nil && old != hash ? data : nil, old: old)
        }
    }

    /// Takes files whose bytes and hashes serve kept, under one lock.
    func add(kept files: [(path: SitePath, data: Data, hash: Int)]) {
        guard !files.isEmpty else { return }
        guard let previous else { return files.forEach { add($0.path, $0.data, hash: $0.hash) } }
        lock.withLock {
            for file in files {
                let old = previous[file.path]
                recordLocked(file.path, bytes: file.data.count, hash: file.hash, changed: old != file.hash ? file.data : nil, old: old)
            }
        }
    }

    /// Counts a file and keeps its hash, and its bytes when the live site must get them; the
    /// lock is held. `old` is the file's hash in the live folder, if it is there.
    private func recordLocked(_ path: SitePath, bytes: Int, hash: Int, changed data: Data?, old: Int?) {
        fileCount += 1
        byteCount += bytes
        if path.value.hasSuffix(".html") { pageCount += 1 }
        if tracksHashes, hashes.updateValue(hash, forKey: path) == nil, old != nil { previousGiven += 1 }
        if let data { changed[path] = data }
    }

    /// Takes one large file as parts, from one thread at a time, and writes them as they come:
    /// into the staging folder, or for serve's live site beside the file, put in its place by
    /// `finish()` only if its bytes changed.
    /// `known`, when the maker knows them beforehand, are the file's hash (any hash the maker
    /// always gives for the same bytes) and size: then an unchanged file is not made at all.
    func stream(_ path: SitePath, known: (hash: Int, bytes: Int)? = nil, _ produce: (_ part: (UnsafeRawBufferPointer) -> Void) -> Void) {
        if let known, let previous, previous[path] == known.hash {
            return lock.withLock { recordLocked(path, bytes: known.bytes, hash: known.hash, changed: nil, old: known.hash) }
        }
        var hasher = Hasher()
        var bytes = 0
        let hashing = tracksHashes && known == nil
        do {
            let body = { (write: (UnsafeRawBufferPointer) -> Void) in
                withoutActuallyEscaping(write) { write in
                    produce { part in
                        if hashing { hasher.combine(bytes: part) }
                        bytes += part.count
                        write(part)
                    }
                }
            }
            if previous != nil { try folder.writeTemporary(to: path, body) } else { try folder.write(to: path, body) }
        } catch {
            lock.withLock { failure = failure ?? error }
            return
        }
        hasher.combine(bytes)
        let hash = known?.hash ?? hasher.finalize()
        let old = previous?[path]
        let unchanged = previous != nil && old == hash
        if unchanged { folder.dropTemporary(path) }
        lock.withLock {
            recordLocked(path, bytes: bytes, hash: hash, changed: nil, old: old)
            if previous != nil, !unchanged { streamed.insert(path) }
        }
    }

    /// Drops what was written beside the live site for a build that failed.
    func abandon() {
        for path in lock.withLock({ streamed }) { folder.dropTemporary(path) }
    }

    /// Ends the build's output. A staged build swaps the new site in; a live one gets the changed
    /// files (each atomically) and loses the files the site no longer has. Returns the files written.
    func finish() throws -> [SitePath] {
        if let failure { throw failure }
        guard let previous else {
            try folder.commit()
            return []
        }
        for path in changed.keys.sorted() { try folder.write(changed[path]!, to: path, atomically: true) }
        for path in streamed.sorted() { try folder.replace(path) }
        if previousGiven < previous.count {
            for path in previous.keys where hashes[path] == nil { folder.remove(path) }
        }
        let written = (Array(changed.keys) + streamed).sorted()
        changed = [:]
        streamed = []
        return written
    }
}
