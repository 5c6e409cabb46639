import ArgumentParser
import Foundation
import MetodCore
import MetodSite

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Проверяет банк и собирает сайт (команда по умолчанию)."
    )

    @OptionGroup var options: SourceOptions

    @Option(name: .long, help: ArgumentHelp("Папка для сайта (по умолчанию — output из metodbank.yml, иначе site).", valueName: "папка"))
    var output: String?

    @Flag(name: .long, help: ArgumentHelp("Печатать время каждого шага сборки (для замеров).", visibility: .hidden))
    var timings = false

    func run() throws {
        let siteRoot = FilePath.resolving(options.source)
        var builder = SiteBuilder(siteRoot: siteRoot, output: output.map { FilePath.resolving($0) })
        builder.today = options.todayDate
        builder.leavesContentAtExit = true
        let printer = DiagnosticPrinter(sourceArgument: options.source, format: options.format)
        let showProgress = !options.quiet && options.format == .text && isatty(STDERR_FILENO) != 0
        if showProgress {
            builder.log = { step, seconds in printer.progress(step: step, seconds: seconds) }
        }
        if timings {
            builder.log = { step, seconds in
                // The step, its seconds, and the peak memory so far (MiB), for `make bench`.
                FileHandle.standardError.write(Data("\(step)\t\(String(format: "%.3f", seconds))\t\(PeakMemory.mebibytes())\n".utf8))
            }
        }
        let report = builder.build()
        if showProgress { printer.endProgress() }
        printer.print(report.diagnostics)
        if !report.succeeded {
            if options.format == .text { printer.failure(report, built: true) }
            throw ExitCode.failure
        }
        if !options.quiet, options.format == .text { printer.buildSummary(report) }
    }
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Проверяет банк, ничего не записывая; при ошибках завершается с ненулевым кодом."
    )

    @OptionGroup var options: SourceOptions

    @Flag(name: .long, help: "Считать предупреждения ошибками.")
    var strict = false

    func run() throws {
        var builder = SiteBuilder(siteRoot: FilePath.resolving(options.source))
        builder.today = options.todayDate
        let report = builder.check()
        let printer = DiagnosticPrinter(sourceArgument: options.source, format: options.format)
        printer.print(report.diagnostics, strict: strict)
        let failed = !report.succeeded || (strict && !report.warnings.isEmpty)
        if failed {
            if options.format == .text { printer.failure(report, built: false) }
            throw ExitCode.failure
        }
        if !options.quiet, options.format == .text { printer.checkSummary(report) }
    }
}

/// The process's peak resident memory (`VmHWM`), printed by `build --timings` after each step.
enum PeakMemory {
    static func mebibytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        else { return 0 }
        return kilobytes / 1024
    }
}
