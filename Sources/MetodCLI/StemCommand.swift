import ArgumentParser
import Foundation
import MetodSearch

/// A utility for tests and curious developers: what the index makes of words.
struct StemCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stem",
        abstract: "Печатает термины поискового индекса для каждой строки ввода (служебная команда).",
        discussion: """
            Читает строки из стандартного ввода. Без параметров печатает для каждой строки термины, \
            которые из неё получит поисковый индекс, через пробел. С --algorithm печатает основу \
            каждой строки по алгоритму Snowball из libstemmer (строка берётся как есть).
            """,
        shouldDisplay: false
    )

    @Option(name: .long, help: ArgumentHelp("Алгоритм Snowball: russian или english.", valueName: "алгоритм"))
    var algorithm: StemmerLanguage?

    @Option(name: .long, help: ArgumentHelp("search/index.json собранного сайта: взять из него сокращения и стоп-слова.", valueName: "файл"))
    var index: String?

    func run() throws {
        var output = ""
        if let algorithm {
            let stemmer = Stemmer(algorithm)
            while let line = readLine(strippingNewline: true) {
                output += stemmer.stem(line)
                output += "\n"
                if output.utf8.count > 1 << 16 { flush(&output) }
            }
        } else {
            let maker = TermMaker(rules: try rules())
            while let line = readLine(strippingNewline: true) {
                output += maker.terms(in: line).joined(separator: " ")
                output += "\n"
                if output.utf8.count > 1 << 16 { flush(&output) }
            }
        }
        flush(&output)
    }

    private func rules() throws -> TermRules {
        guard let index else { return TermRules() }
        let data = try Data(contentsOf: URL(fileURLWithPath: index))
        guard let rules = SearchIndexFormat.rules(fromIndexJSON: data) else {
            throw ValidationError("в \(index) нет правил поиска (stopWords, abbreviations)")
        }
        return rules
    }

    private func flush(_ output: inout String) {
        FileHandle.standardOutput.write(Data(output.utf8))
        output = ""
    }
}

extension StemmerLanguage: ExpressibleByArgument {}
