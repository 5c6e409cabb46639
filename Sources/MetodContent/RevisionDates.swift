import Foundation
import MetodCore

/// When each document was last revised, for documents without `updated`: the date of the last
/// commit that touched the file, or the file's own modification date outside a git repository.
public enum RevisionDates {
    /// `stamps` are the files' dates as the walk of `content/` found them (the others are asked for).
    public static func load(siteRoot: FilePath, files: [ContentPath], stamps: [ContentPath: FileStamp] = [:]) -> [ContentPath: DocumentDate] {
        guard !files.isEmpty else { return [:] }
        let history = fromGit(siteRoot: siteRoot) ?? [:]
        var dates: [ContentPath: DocumentDate] = [:]
        for file in files {
            if let date = history[file.value] ?? (stamps[file] ?? FileStamp(path: siteRoot.appending(file.value).value))?.modificationDate {
                dates[file] = date
            }
        }
        return dates
    }

    /// One `git log` over the history of `content/`: the first time a path appears is its
    /// newest commit. `nil` when git is missing or the folder is not in a repository.
    static func fromGit(siteRoot: FilePath) -> [String: DocumentDate]? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", siteRoot.value, "log", "--format=%x00%cs", "--name-only", "--relative", "--no-renames", "--", "content"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
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
}
