import ArgumentParser
import MetodContent

/// The `metodbank` command: builds a methodological knowledge bank into an offline website.
@available(macOS 10.15, *)
public struct Metodbank: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "metodbank",
        abstract: "Собирает методический банк (Markdown с YAML-свойствами) в сайт, который работает без сети.",
        subcommands: [BuildCommand.self, CheckCommand.self, NewCommand.self, ServeCommand.self, QRCommand.self, StemCommand.self, RebuildBenchCommand.self],
        defaultSubcommand: BuildCommand.self
    )

    public init() {}
}

/// Options every command that reads a bank shares.
struct SourceOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Папка банка: в ней metodbank.yml и content/.", valueName: "папка"))
    var source: String = "."

    @Flag(name: .long, help: "Не выводить ход работы, только ошибки и предупреждения.")
    var quiet = false

    @Option(name: .long, help: ArgumentHelp("Вид сообщений: text (файл:строка:столбец), json или github (аннотации GitHub Actions).", valueName: "вид"))
    var format: DiagnosticFormat = .text

    @Option(name: .long, help: ArgumentHelp("Дата, от которой считать сроки дорожных карт (по умолчанию — сегодня).", valueName: "ГГГГ-ММ-ДД"))
    var today: String?

    func validate() throws {
        if let today, DocumentDate(today) == nil {
            throw ValidationError("--today: «\(today)» не является датой в виде ГГГГ-ММ-ДД")
        }
    }

    var todayDate: DocumentDate { today.flatMap(DocumentDate.init) ?? .today }
}

/// How diagnostics are printed.
enum DiagnosticFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case text, json, github
}

@available(macOS 10.15, *)
extension Metodbank {
    /// Parses the process arguments and runs the command, awaiting asynchronous ones (serve).
    public static func runFromCommandLine() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
