import Foundation
import MetodContent
import MetodCore
import MetodSearch
import Mustache

/// What a build or check did: every diagnostic, the counts, and how long each step took.
public struct BuildReport: Sendable {
    public var diagnostics: [Diagnostic] = []
    public var documentCount = 0
    public var pageCount = 0
    public var fileCount = 0
    public var steps: [(name: String, seconds: Double)] = []
    public var output: FilePath?

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
    public var succeeded: Bool { errors.isEmpty }
}

/// The build: load → resolve → validate → render → index → write, each step named and timed.
public struct SiteBuilder {
    public var siteRoot: FilePath
    /// Where to write; `nil` takes `output` from `metodbank.yml`.
    public var output: FilePath?
    /// Called as each step ends, for progress output.
    public var log: @Sendable (String, Double) -> Void = { _, _ in }

    public init(siteRoot: FilePath, output: FilePath? = nil) {
        self.siteRoot = siteRoot
        self.output = output
    }

    /// Validates the bank without writing anything.
    public func check() -> BuildReport {
        var report = BuildReport()
        _ = prepare(&report)
        report.diagnostics.sort()
        return report
    }

    /// Builds the site into the output folder; on any error the previous output is untouched.
    public func build() -> BuildReport {
        var report = BuildReport()
        defer { report.diagnostics.sort() }
        guard let (config, graph) = prepare(&report), report.succeeded else { return report }

        let themeResult = timed("theme", &report) { Theme.load(siteRoot: siteRoot, name: config.theme) }
        report.diagnostics += themeResult.1
        let (library, templateProblems) = themeResult.0.compile()
        report.diagnostics += templateProblems
        guard let library, report.succeeded else { return report }

        let target = output ?? FilePath.resolving(config.output, against: siteRoot.value)
        let folder: OutputFolder
        do {
            folder = try OutputFolder(target: target, siteRoot: siteRoot)
        } catch {
            report.diagnostics.append(Diagnostic(.error, file: target.value, error.description))
            return report
        }
        do {
            let renderer = PageRenderer(siteRoot: siteRoot, config: config, graph: graph, theme: themeResult.0, library: library)
            var files = try timed("render", &report) { try renderer.renderAll() }
            files += timed("index", &report) {
                SearchIndex.build(documents: graph.searchDocuments(), catalog: graph.searchCatalog()).files()
                    .map { SiteFile(path: $0.path, source: .bytes($0.data)) }
            }
            try timed("write", &report) {
                try folder.prepare(folders: Set(files.map { ($0.path.value as NSString).deletingLastPathComponent }))
                let staged = files
                let errors = staged.parallelMap { file -> String? in
                    do { try folder.write(file.data(), to: file.path); return nil } catch { return "\(file.path): \(error.localizedDescription)" }
                }
                if let first = errors.compactMap({ $0 }).first { throw OutputFolder.Problem.io(first) }
                try folder.commit()
            }
            report.pageCount = files.filter { $0.path.value.hasSuffix(".html") }.count
            report.fileCount = files.count
            report.output = target
        } catch let error as RenderProblem {
            folder.discard()
            report.diagnostics.append(Diagnostic(.error, file: error.template, error.message))
        } catch {
            folder.discard()
            report.diagnostics.append(Diagnostic(.error, file: target.value, "\(error)"))
        }
        return report
    }

    /// Loads the config and the content and builds the graph; shared by build and check.
    private func prepare(_ report: inout BuildReport) -> (SiteConfig, ContentGraph)? {
        let (config, configProblems) = timed("config", &report) { SiteConfigLoader.load(siteRoot: siteRoot) }
        report.diagnostics += configProblems
        guard let config else { return nil }
        let content = timed("load", &report) { ContentLoader.load(siteRoot: siteRoot) }
        report.diagnostics += content.diagnostics
        report.documentCount = content.documents.count
        let (graph, graphProblems) = timed("resolve", &report) { ContentGraph.build(from: content) }
        report.diagnostics += graphProblems
        return (config, graph)
    }

    private func timed<T>(_ name: String, _ report: inout BuildReport, _ body: () throws -> T) rethrows -> T {
        let start = DispatchTime.now()
        let result = try body()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        report.steps.append((name, seconds))
        log(name, seconds)
        return result
    }
}
