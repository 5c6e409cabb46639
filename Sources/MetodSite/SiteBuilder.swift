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
    /// Each step's time; `index` runs alongside `qr` and `render`, so they add up to more than `seconds`.
    public var steps: [(name: String, seconds: Double)] = []
    /// The whole build, start to end.
    public var seconds = 0.0
    /// Work counters: documents read from disk, decoded, bodies converted from Markdown, pages
    /// rendered, files written.
    public var readFiles = 0
    public var decodedFiles = 0
    public var renderedBodies = 0
    /// Documents whose words the search index scanned (the others came from the cache).
    public var scannedDocuments = 0
    public var renderedPages = 0
    /// Frames whose site header and footer were rendered (`SiteFrame`): a few per bank, not one per page.
    public var renderedFrames = 0
    public var writtenFiles = 0
    /// Whether the theme's templates were compiled (serve keeps them while the theme is unchanged).
    public var compiledTheme = false
    /// The size of the whole site in bytes.
    public var siteBytes = 0
    /// The files a `serve` rebuild rewrote in the live site (empty for a full build); without
    /// the index's when it was deferred.
    public var rewritten: [SitePath] = []
    /// The search index is still being finished (`SiteBuilder.defersIndex`): `steps` and
    /// `scannedDocuments` leave it out, and `BuildCache.settle()` tells how it went.
    public var indexDeferred = false
    public var output: FilePath?

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
    public var succeeded: Bool { errors.isEmpty }
}

/// The build: load → resolve → validate → render → index → write, each step named and timed.
public struct SiteBuilder: Sendable {
    public var siteRoot: FilePath
    /// Where to write; `nil` takes `output` from `metodbank.yml`.
    public var output: FilePath?
    /// Kept between builds by `serve`, so a rebuild renders and writes only what changed.
    public var cache: BuildCache?
    /// The date against which roadmap deadlines are judged (today unless a test sets it).
    public var today: DocumentDate = .today
    /// Extra sheets of QR cards to add to the site (`metodbank qr`).
    public var handouts: [HandoutRequest] = []
    /// Where to write one standalone SVG per code of those sheets, if anywhere.
    public var svgFolder: FilePath?
    /// Called as each step ends, for progress output.
    public var log: @Sendable (String, Double) -> Void = { _, _ in }
    /// serve: a rebuild into the live site returns once its pages are in place, and the search
    /// index is finished on a thread of its own; `BuildCache.settle()` waits for it. The pages a
    /// reader opens are new at once; the search catches up a moment later.
    public var defersIndex = false
    /// A build in a process that exits right after it (the command line): the bank's content
    /// is left for the system to reclaim instead of being freed piece by piece, which took a
    /// single core about a quarter of a second at the end of a 10,000-document build.
    public var leavesContentAtExit = false

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
        let start = DispatchTime.now()
        var report = BuildReport()
        // An index left by the last rebuild is put in place first; if it could not be, that is
        // reported here, and this build writes every index file again.
        let leftOver = cache?.settle()?.problem
        make(&report)
        if let leftOver { report.diagnostics.append(leftOver) }
        report.diagnostics.sort()
        report.seconds = Self.seconds(since: start)
        return report
    }

    private func make(_ report: inout BuildReport) {
        guard let (config, graph) = prepare(&report), report.succeeded else { return }
        let handoutDocuments = resolveHandouts(config: config, graph: graph, &report)
        guard report.succeeded else { return }

        let themeResult = timed("theme", &report) { Theme.load(siteRoot: siteRoot, name: config.theme) }
        report.diagnostics += themeResult.1
        let (library, templateProblems, plainStrings, compiledTheme) = cache?.compiled(themeResult.0) ?? themeResult.0.compiled()
        report.diagnostics += templateProblems
        report.compiledTheme = compiledTheme
        guard let library, report.succeeded else { return }

        let target = output ?? FilePath.resolving(config.output, against: siteRoot.value)
        let inPlace = cache.map { $0.output == target && !$0.writtenPages.isEmpty } ?? false
            && FileManager.default.fileExists(atPath: target.appending(OutputFolder.marker).value)
        let folder: OutputFolder
        do {
            folder = try OutputFolder(target: target, siteRoot: siteRoot, staged: !inPlace)
        } catch {
            report.diagnostics.append(Diagnostic(.error, file: target.value, error.description))
            return
        }
        // serve's live site gets only the files whose bytes changed, once all of them are made.
        // When the index is deferred it has an output of its own, finished after the pages'.
        let deferring = defersIndex && inPlace
        let output: SiteOutput
        let indexOutput: SiteOutput
        if deferring, let cache {
            output = SiteOutput(folder: folder, previous: cache.writtenPages, tracksHashes: true)
            indexOutput = SiteOutput(folder: folder, previous: cache.writtenIndex, tracksHashes: true)
        } else {
            output = SiteOutput(folder: folder, previous: inPlace ? cache?.written : nil, tracksHashes: cache != nil)
            indexOutput = output
        }
        // The search index needs only the graph: it is built on a thread of its own while the QR
        // codes and pages are made, so the cores stay busy through its single-threaded parts.
        // The index's last parts may be taken by the thread that waits for it (`help()`).
        let share = WorkShare()
        // Taken once for the pages and the index: each took it under the cache's lock at the
        // same moment, and one waited for the other.
        let bytesHashes = cache?.documents.bytesHashes(of: graph.documents)
        let indexing = Background { [cache] () -> (scanned: Int, seconds: Double) in
            defer { share.close() }
            let start = DispatchTime.now()
            let (documents, keys) = cache.map { graph.searchDocuments(cache: $0, bytesHashes: bytesHashes ?? []) } ?? (graph.searchDocuments(), nil)
            let index = SearchIndex.build(documents: documents, catalog: graph.searchCatalog(), cache: cache?.search, keys: keys)
            index.emitFiles({ indexOutput.add($0.path, $0.data, hash: $0.hash) }, stream: { indexOutput.stream($0, known: $1, $2) }, share: share)
            return (cache?.search.scanned ?? index.documents.count, Self.seconds(since: start))
        }
        do {
            var renderer = PageRenderer(
                siteRoot: siteRoot, config: config, graph: graph, theme: themeResult.0, library: library,
                plainStrings: plainStrings)
            renderer.qrCodes = timed("qr", &report) { QRCodes.make(for: graph, config: config, cache: cache?.qrCodes) }
            renderer.handouts = zip(handouts, handoutDocuments).map { ($0, $1) }
            renderer.cache = cache
            renderer.bytesHashes = bytesHashes
            try timed("render", &report) { try renderer.renderAll(into: output) }
            if !deferring {
                share.help()
                let (scanned, indexSeconds) = indexing.value
                report.scannedDocuments = scanned
                report.steps.append(("index", indexSeconds))
                log("index", indexSeconds)
            }
            let written = try timed("write", &report) { try output.finish() }
            report.renderedPages = output.renderedPages
            report.renderedFrames = renderer.frame.renderedFrames
            report.writtenFiles = inPlace ? written.count : output.fileCount
            report.rewritten = written
            if let cache {
                cache.output = target
                // A deferred index's files keep their last hashes until it is done (`settle`).
                if deferring { cache.writtenPages = output.hashes } else { cache.wrote(output.hashes) }
            }
            if let svgFolder {
                try writeSVGs(renderer.qrCodes, for: handoutDocuments.flatMap { $0 }, graph: graph, to: svgFolder)
            }
            // Last: nothing after this may fail and abandon the index's files.
            if deferring, let cache {
                report.indexDeferred = true
                cache.deferIndex { [log] in
                    share.help()
                    let (scanned, seconds) = indexing.value
                    do {
                        let written = try indexOutput.finish()
                        log("index", seconds)
                        return (DeferredIndex(seconds: seconds, scanned: scanned, written: written), indexOutput.hashes, false)
                    } catch {
                        indexOutput.abandon()
                        let problem = Diagnostic(.error, file: target.value, "поисковый индекс не записан: \(error)")
                        return (DeferredIndex(seconds: seconds, scanned: scanned, written: [], problem: problem), indexOutput.hashes, true)
                    }
                }
            }
            report.pageCount = output.pageCount
            report.fileCount = output.fileCount
            report.siteBytes = output.byteCount
            report.output = target
            if leavesContentAtExit { _ = Unmanaged.passRetained(Leftover(renderer)) }
        } catch let error as RenderProblem {
            _ = indexing.value  // the index writes into the same folder: done before it is discarded
            output.abandon()
            indexOutput.abandon()
            folder.discard()
            report.diagnostics.append(Diagnostic(.error, file: error.template, error.message))
        } catch {
            _ = indexing.value
            output.abandon()
            indexOutput.abandon()
            folder.discard()
            report.diagnostics.append(Diagnostic(.error, file: target.value, "\(error)"))
        }
    }

    /// Resolves the requested sheets; unknown ids and empty selections are errors.
    private func resolveHandouts(config: SiteConfig, graph: ContentGraph, _ report: inout BuildReport) -> [[Int]] {
        guard !handouts.isEmpty else { return [] }
        if config.baseURL == nil {
            report.diagnostics.append(Diagnostic(.error, file: SiteConfigFile.name, "для QR-кодов нужен адрес сайта: укажите base_url в metodbank.yml, например base_url: https://metodbank.example.ru/"))
        }
        return handouts.map { request in
            let (documents, unknown) = request.selection.resolve(in: graph)
            for id in unknown {
                let suggestion = Suggestion.closest(to: id, in: graph.documents.map(\.id))
                report.diagnostics.append(Diagnostic(.error, file: "metodbank qr", "неизвестный документ «\(id)»" + (suggestion.map { "; возможно, имелось в виду «\($0)»" } ?? "")))
            }
            if documents.isEmpty, unknown.isEmpty {
                report.diagnostics.append(Diagnostic(.error, file: "metodbank qr", "под условия отбора не подошёл ни один документ"))
            }
            return documents
        }
    }

    /// One `<id>.svg` per chosen document, for posters laid out in other programs.
    private func writeSVGs(_ codes: [String], for documents: [Int], graph: ContentGraph, to folder: FilePath) throws {
        try FileManager.default.createDirectory(atPath: folder.value, withIntermediateDirectories: true)
        for index in Set(documents).sorted() where !codes.isEmpty {
            let svg = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + codes[index] + "\n"
            try Data(svg.utf8).write(to: folder.appending("\(graph.documents[index].id).svg").url, options: .atomic)
        }
    }

    /// Loads the config and the content and builds the graph; shared by build and check.
    private func prepare(_ report: inout BuildReport) -> (SiteConfig, ContentGraph)? {
        let (config, configProblems) = timed("config", &report) { SiteConfigLoader.load(siteRoot: siteRoot) }
        report.diagnostics += configProblems
        guard let config else { return nil }
        let content = timed("load", &report) { ContentLoader.load(siteRoot: siteRoot, cache: cache?.documents) }
        report.readFiles = cache?.documents.read ?? content.documents.count
        report.decodedFiles = cache?.documents.decoded ?? content.documents.count
        report.diagnostics += content.diagnostics
        report.documentCount = content.documents.count
        // Handed over, not shared: the graph drops the documents' Markdown in place.
        let resolving = DispatchTime.now()
        let (graph, graphProblems) = ContentGraph.build(from: consume content, cache: cache?.bodies)
        record("resolve", since: resolving, &report)
        report.renderedBodies = graph.renderedBodies
        report.diagnostics += graphProblems
        report.diagnostics += timed("validate", &report) { ContentWarnings.collect(in: graph, today: today) }
        return (config, graph)
    }

    private static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }

    private func timed<T>(_ name: String, _ report: inout BuildReport, _ body: () throws -> T) rethrows -> T {
        let start = DispatchTime.now()
        let result = try body()
        record(name, since: start, &report)
        return result
    }

    private func record(_ name: String, since start: DispatchTime, _ report: inout BuildReport) {
        let seconds = Self.seconds(since: start)
        report.steps.append((name, seconds))
        log(name, seconds)
    }
}

/// What a build leaves for the system to reclaim at exit (`SiteBuilder.leavesContentAtExit`).
private final class Leftover {
    let value: Any
    init(_ value: Any) { self.value = value }
}
