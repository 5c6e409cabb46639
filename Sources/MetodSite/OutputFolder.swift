import Foundation
import MetodCore

/// Assembles the site in a sibling folder and swaps it in only when the build succeeded, so a
/// failed build leaves the previous output exactly as it was.
public struct OutputFolder: Sendable {
    /// Written into every output so the tool knows a folder is its own before replacing it.
    static let marker = ".metodbank-site"

    public let target: FilePath
    public let staging: FilePath

    public enum Problem: Error, CustomStringConvertible {
        case notOurs(FilePath)
        case unsafe(FilePath)
        case io(String)

        public var description: String {
            switch self {
            case .notOurs(let path):
                "папка вывода \(path.value) не пуста и создана не metodbank; укажите другую папку через --output или удалите её"
            case .unsafe(let path):
                "папка вывода \(path.value) совпадает с папкой банка или содержит её; укажите отдельную папку"
            case .io(let message): "ошибка записи: \(message)"
            }
        }
    }

    /// `staged: false` writes into the live folder (serve's rebuilds), without a staging copy.
    public init(target: FilePath, siteRoot: FilePath, staged: Bool = true) throws(Problem) {
        self.target = target
        if siteRoot.value == target.value || siteRoot.value.hasPrefix(target.value + "/") || target.value == "/" {
            throw .unsafe(target)
        }
        let fm = FileManager.default
        if fm.fileExists(atPath: target.value) {
            let entries = (try? fm.contentsOfDirectory(atPath: target.value)) ?? []
            if !entries.isEmpty, !entries.contains(Self.marker) { throw .notOurs(target) }
        }
        staging = target.parent.appending(".\(target.lastComponent).staging-\(ProcessInfo.processInfo.processIdentifier)")
        guard staged else { return }
        try? fm.removeItem(atPath: staging.value)
        do {
            try fm.createDirectory(atPath: staging.value, withIntermediateDirectories: true)
        } catch {
            throw .io("\(staging.value): \(error.localizedDescription)")
        }
    }

    /// Creates the folders of the given files inside the staging folder.
    public func prepare(folders: Set<String>) throws {
        for folder in folders.sorted() where !folder.isEmpty {
            try FileManager.default.createDirectory(atPath: staging.appending(folder).value, withIntermediateDirectories: true)
        }
    }

    public func write(_ data: Data, to path: SitePath) throws {
        try data.write(to: staging.appending(path.value).url)
    }

    /// Replaces the output with the staged site; the old one is removed only after the swap.
    public func commit() throws {
        let fm = FileManager.default
        try Data().write(to: staging.appending(Self.marker).url)
        let old = target.parent.appending(".\(target.lastComponent).old-\(ProcessInfo.processInfo.processIdentifier)")
        if fm.fileExists(atPath: target.value) {
            try fm.moveItem(atPath: target.value, toPath: old.value)
        }
        do {
            try fm.moveItem(atPath: staging.value, toPath: target.value)
        } catch {
            if fm.fileExists(atPath: old.value) { try? fm.moveItem(atPath: old.value, toPath: target.value) }
            throw error
        }
        try? fm.removeItem(atPath: old.value)
    }

    /// Writes into the live output only the files whose bytes differ from the last write (each
    /// atomically), and removes files the site no longer has. Returns how many were written.
    func update(_ files: [SiteFile], previous: inout [SitePath: Int]) throws -> [SitePath] {
        let fm = FileManager.default
        var written: [SitePath] = []
        var current: [SitePath: Int] = [:]
        for file in files {
            let data = try file.data()
            let hash = data.hashValue
            current[file.path] = hash
            let destination = target.appending(file.path.value)
            if previous[file.path] == hash, fm.fileExists(atPath: destination.value) { continue }
            try fm.createDirectory(atPath: destination.parent.value, withIntermediateDirectories: true)
            try data.write(to: destination.url, options: .atomic)
            written.append(file.path)
        }
        for path in previous.keys where current[path] == nil {
            try? fm.removeItem(atPath: target.appending(path.value).value)
        }
        previous = current
        return written
    }

    /// Throws the staged files away; the previous output is untouched.
    public func discard() {
        try? FileManager.default.removeItem(atPath: staging.value)
    }
}
