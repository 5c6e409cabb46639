import Foundation
import MetodCore

/// When each document was last revised, for documents without `updated`: the date of the last
/// commit that touched the file, or the file's own modification date outside a git repository.
public enum RevisionDates {
    /// The date of each of `files`, or nil. `stamps`, parallel to `files`, are the files' dates
    /// as the walk of `content/` found them (nil: asked for). With a `cache` (serve), the history
    /// is read again only when the repository's `HEAD` moved.
    public static func load(siteRoot: FilePath, files: [ContentPath], stamps: [FileStamp?], cache: DecodeCache? = nil) -> [DocumentDate?] {
        guard !files.isEmpty else { return [] }
        let history: [String: DocumentDate]
        if let cache {
            // The history of a 10,000-document bank took `git log` about 0.1 s on every rebuild.
            guard let head = run(["rev-parse", "HEAD"], in: siteRoot) else { return fileDates(siteRoot: siteRoot, files: files, stamps: stamps, history: [:]) }
            let kept = cache.history
            if let kept, kept.head == head {
                history = kept.dates
            } else if let read = fromGit(siteRoot: siteRoot) {
                history = read
                cache.history = (head, read)
            } else {
                history = [:]  // asked again next time: a failure is not kept
            }
        } else {
            history = fromGit(siteRoot: siteRoot) ?? [:]
        }
        return fileDates(siteRoot: siteRoot, files: files, stamps: stamps, history: history)
    }

    /// By position, not by path: two dictionaries keyed by path cost serve's rebuild of 10,000
    /// documents more than the dates themselves.
    private static func fileDates(siteRoot: FilePath, files: [ContentPath], stamps: [FileStamp?], history: [String: DocumentDate]) -> [DocumentDate?] {
        files.indices.map { i in
            if !history.isEmpty, let date = history[files[i].value] { return date }
            return (stamps[i] ?? FileStamp(path: siteRoot.appending(files[i].value).value))?.modificationDate
        }
    }

    /// One `git log` over the history of `content/`: the first time a path appears is its
    /// newest commit. `nil` when git is missing or the folder is not in a repository.
    static func fromGit(siteRoot: FilePath) -> [String: DocumentDate]? {
        guard let data = run(["log", "--format=%x00%cs", "--name-only", "--relative", "--no-renames", "--", "content"], in: siteRoot) else { return nil }
        var dates: [String: DocumentDate] = [:]
        var current: DocumentDate?
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            if line.hasPrefix("\u{0}") {
                current = DocumentDate(String(line.dropFirst()))
            } else if let current, dates[String(line)] == nil {
                dates[String(line)] = current
            }
        }
        return dates
    }

    /// What `git -C siteRoot arguments…` prints; `nil` when git is missing or fails.
    private static func run(_ arguments: [String], in siteRoot: FilePath) -> Data? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", siteRoot.value] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? data : nil
    }
}
