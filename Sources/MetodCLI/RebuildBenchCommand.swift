import ArgumentParser
import Foundation
import MetodCore
import MetodSite

/// For `make bench`: the rebuild `serve` does after one document changes, timed in one process.
struct RebuildBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-rebuild",
        abstract: "Замер пересборки после правки одного документа, как в serve (служебная команда).",
        discussion: """
            Собирает банк с кэшем сборки, дописывает абзац в указанный документ и собирает снова \
            (несколько раз, каждый раз абзац другой длины), затем возвращает документу прежний текст. Печатает время первой сборки, \
            медиану пересборок (rebuild — вместе с поисковым индексом; pages — пока новые страницы \
            не на месте: serve обновляет открытые страницы сразу, а индекс дописывает следом) и шаги \
            медианной пересборки.
            """,
        shouldDisplay: false
    )

    @Option(name: .long, help: ArgumentHelp("Папка банка.", valueName: "папка"))
    var source: String = "."

    @Option(name: .long, help: ArgumentHelp("Папка для сайта.", valueName: "папка"))
    var output: String

    @Option(name: .long, help: ArgumentHelp("Документ, который правится, относительно папки банка.", valueName: "файл"))
    var document: String

    @Option(name: .long, help: ArgumentHelp("Сколько раз править и пересобирать; печатается медиана.", valueName: "число"))
    var runs: Int = 3

    func run() throws {
        Allocator.keepFreedPages(seconds: ServeCommand.keptFreedPagesSeconds)
        let siteRoot = FilePath.resolving(source)
        var builder = SiteBuilder(siteRoot: siteRoot, output: FilePath.resolving(output))
        builder.cache = BuildCache()
        let file = siteRoot.appending(document).url
        let original = try Data(contentsOf: file)
        defer { try? original.write(to: file) }

        let full = builder.build()
        // As serve does it: the pages first, then the search index (`settle`).
        builder.defersIndex = true
        var rebuilds: [(report: BuildReport, index: DeferredIndex?, seconds: Double)] = []
        for run in 1...max(1, runs) {
            // Each edit changes the text's length and its words' counts (words the bank knows), so
            // the search index changes too, as it does for most edits: a new paragraph.
            let paragraph = "\nАбзац номер \(run), дописанный для замера пересборки." + String(repeating: " Наставник помогает учителю.", count: run)
            try (original + Data((paragraph + "\n").utf8)).write(to: file)
            let start = DispatchTime.now()
            let report = builder.build()
            let index = builder.cache?.settle()
            rebuilds.append((report, index, Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9))
        }
        let rebuild = rebuilds.sorted { $0.seconds < $1.seconds }[rebuilds.count / 2]
        let pages = rebuilds.map(\.report.seconds).sorted()[rebuilds.count / 2]
        guard full.succeeded, rebuilds.allSatisfy({ $0.report.succeeded && $0.index?.problem == nil }) else {
            FileHandle.standardError.write(Data("metodbank bench-rebuild: error: сборка не удалась\n".utf8))
            throw ExitCode.failure
        }
        var lines = ["full\t\(format(full.seconds))", "rebuild\t\(format(rebuild.seconds))", "pages\t\(format(pages))"]
        lines += rebuild.report.steps.map { "  \($0.name)\t\(format($0.seconds))" }
        if let index = rebuild.index { lines.append("  index (after the pages)\t\(format(index.seconds))") }
        let report = rebuild.report
        lines.append("  decoded \(report.decodedFiles), bodies \(report.renderedBodies), pages \(report.renderedPages), written \(report.writtenFiles + (rebuild.index?.written.count ?? 0))")
        print(lines.joined(separator: "\n"))
    }

    private func format(_ seconds: Double) -> String { String(format: "%.3f", seconds) }
}
