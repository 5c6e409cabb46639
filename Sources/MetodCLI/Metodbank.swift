import ArgumentParser

/// The `metodbank` command: builds a methodological knowledge bank into an offline website.
public struct Metodbank: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "metodbank",
        abstract: "Собирает методический банк (Markdown с YAML-свойствами) в сайт, который работает без сети.",
        subcommands: [BuildCommand.self, CheckCommand.self, StemCommand.self],
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
}
