import Foundation
import MetodCore
import Testing
@testable import MetodSite

/// A small bank written into a temporary folder from inline files (txtar style).
struct TestSite {
    let root: FilePath

    static let config = "title: Тестовый банк\nbase_url: https://bank.example.ru/\n"

    init(_ files: [String: String], config: String = TestSite.config) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("metodbank-test-\(UUID().uuidString)")
        root = FilePath(folder.path)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("content"), withIntermediateDirectories: true)
        try write("metodbank.yml", config)
        for (path, text) in files { try write(path, text) }
    }

    func write(_ path: String, _ text: String) throws {
        try write(path, Data(text.utf8))
    }

    func write(_ path: String, _ data: Data) throws {
        let url = root.appending(path).url
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: root.appending(path).url, encoding: .utf8)
    }

    /// Dates every file of the bank an hour back, as files are when a methodologist starts
    /// `serve`: a build trusts the size and dates only of files not saved in the last seconds.
    func settle() throws {
        // An hour back, but not into yesterday: a file the test saves again must keep its day,
        // which is the revision date its pages show (tests run just after midnight failed).
        if Date().timeIntervalSince(Calendar.current.startOfDay(for: Date())) < 3 { Thread.sleep(forTimeInterval: 3) }
        let now = Date()
        let past = max(now.addingTimeInterval(-3600), Calendar.current.startOfDay(for: now))
        let content = root.appending("content").value
        for case let path as String in FileManager.default.enumerator(atPath: content)! {
            try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: content + "/" + path)
        }
    }

    func remove() { try? FileManager.default.removeItem(atPath: root.value) }

    var output: FilePath { root.appending("site") }

    /// A builder as `serve` keeps one: with a build cache, so each build after the first is a rebuild.
    func serveBuilder() -> SiteBuilder {
        var builder = SiteBuilder(siteRoot: root)
        builder.cache = BuildCache()
        return builder
    }

    func build(output: FilePath? = nil) -> BuildReport {
        SiteBuilder(siteRoot: root, output: output).build()
    }

    /// Its site compared with a fresh build of the same files (`compareWithAFreshBuild`).
    func compareWithAFreshBuild() -> (report: BuildReport, differing: [String]) {
        MetodSiteTests.compareWithAFreshBuild(of: root, live: output)
    }

    /// Expects its site to be byte for byte what a fresh build of the same files makes.
    func expectAFreshBuild(_ step: String = "", sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let fresh = compareWithAFreshBuild()
        #expect(fresh.report.succeeded, sourceLocation: sourceLocation)
        #expect(fresh.differing.isEmpty, "\(step)", sourceLocation: sourceLocation)
    }

    func check() -> BuildReport {
        SiteBuilder(siteRoot: root).check()
    }

    /// Minimal valid documents other fixtures can reference.
    static let basics: [String: String] = [
        "content/deficits/otsenivanie-rezultatov.md": """
        ---
        title: Затруднения в оценивании результатов
        group: методические
        ---
        Текст.
        """,
        "content/indicators/dolya-pedagogov.md": """
        ---
        title: Доля педагогов, прошедших диагностику
        unit: "%"
        base: {year: 2023, value: 24}
        targets:
          2024: 31
          2025: 40,5
        ---
        Текст.
        """,
        "content/regulations/polozhenie-o-nastavnichestve.md": """
        ---
        title: Положение о наставничестве
        status: действует
        approved: {by: директор, order: "№ 1", date: 2024-08-30}
        ---
        ## 1. Общие положения

        1.1. Текст.

        ## 2. Цели

        2.1. Текст.
        """,
    ]
}

/// All files under a folder with their bytes, for comparing whole outputs.
func snapshot(of folder: FilePath) -> [String: Data] {
    var files: [String: Data] = [:]
    guard let enumerator = FileManager.default.enumerator(atPath: folder.value) else { return files }
    for case let path as String in enumerator {
        var isDirectory: ObjCBool = false
        let full = folder.appending(path).value
        if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
            files[path] = FileManager.default.contents(atPath: full)
        }
    }
    return files
}

/// The repository root, for tests that build the sample bank.
let repositoryRoot: FilePath = {
    var url = URL(fileURLWithPath: #filePath)
    while url.path != "/" {
        url.deleteLastPathComponent()
        if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { break }
    }
    return FilePath(url.path)
}()

/// The files in which two built sites differ (one has it and the other not, or other bytes),
/// leaving out the marker every output carries.
func differingFiles(_ a: FilePath, _ b: FilePath) -> [String] {
    var left = snapshot(of: a)
    var right = snapshot(of: b)
    left[OutputFolder.marker] = nil
    right[OutputFolder.marker] = nil
    return Set(left.keys).union(right.keys).filter { left[$0] != right[$0] }.sorted()
}

/// Builds the bank at `root` afresh into a temporary folder (removed again): that build's report,
/// and the files in which the site at `live` differs from it.
func compareWithAFreshBuild(of root: FilePath, live: FilePath) -> (report: BuildReport, differing: [String]) {
    let fresh = temporaryFolder("fresh")
    defer { try? FileManager.default.removeItem(atPath: fresh.value) }
    let report = SiteBuilder(siteRoot: root, output: fresh).build()
    return (report, differingFiles(live, fresh))
}

func temporaryFolder(_ name: String) -> FilePath {
    FilePath(FileManager.default.temporaryDirectory.appendingPathComponent("metodbank-\(name)-\(UUID().uuidString)").path)
}
