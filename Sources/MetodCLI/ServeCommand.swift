import ArgumentParser
import Foundation
import MetodContent
import MetodCore
import MetodServe
import MetodSite

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Собирает банк и показывает его в браузере, пересобирая при каждом изменении файлов.",
        discussion: "Сервер слушает только этот компьютер (127.0.0.1), если не указан --host. Открытые страницы обновляются сами; при ошибке сборки остаётся прежняя версия, а ошибки видны и в терминале, и поверх страницы."
    )

    @OptionGroup var options: SourceOptions

    @Option(name: .long, help: ArgumentHelp("Папка для сайта (по умолчанию — output из metodbank.yml).", valueName: "папка"))
    var output: String?

    @Option(name: .long, help: ArgumentHelp("Порт.", valueName: "порт"))
    var port: UInt16 = 8080

    @Option(name: .long, help: ArgumentHelp("Адрес, на котором слушать (по умолчанию только этот компьютер).", valueName: "адрес"))
    var host = "127.0.0.1"

    /// How long serve keeps pages a rebuild freed before returning them to the system.
    static let keptFreedPagesSeconds = 10

    func run() async throws {
        Allocator.keepFreedPages(seconds: Self.keptFreedPagesSeconds)
        let siteRoot = FilePath.resolving(options.source)
        let (config, problems) = SiteConfigLoader.load(siteRoot: siteRoot)
        guard let config else {
            DiagnosticPrinter(sourceArgument: options.source).print(problems)
            throw ExitCode.failure
        }
        let target = output.map { FilePath.resolving($0) } ?? FilePath.resolving(config.output, against: siteRoot.value)
        let printer = DiagnosticPrinter(sourceArgument: options.source, format: options.format)
        let quiet = options.quiet
        let server = try PreviewServer(siteRoot: siteRoot, output: target, host: host, port: port, report: { report in
            printer.print(report.diagnostics)
            if report.succeeded {
                if !quiet { printer.buildSummary(report) }
            } else {
                printer.failure(report, built: true)
            }
            fflush(nil)
        }, indexProblem: { problem in
            // The pages are new; only the search index is not (serve tries again in a few seconds).
            printer.print([problem])
            fflush(nil)
        })
        let shownHost = host.contains(":") ? "[\(host)]" : host
        async let running: Void = server.run()
        let bound = try await server.boundPort()
        if !quiet { print("Предпросмотр: http://\(shownHost):\(bound)/ — остановить: Ctrl+C") }
        fflush(nil)
        try await running
    }
}
