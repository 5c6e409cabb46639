import Foundation
import MetodCore
import MetodSite

/// Prints diagnostics as `path:line:col: error: message` and the Russian summaries.
struct DiagnosticPrinter: Sendable {
    /// The `--source` the user typed; paths are shown relative to where they stand.
    var sourceArgument: String

    func display(_ diagnostic: Diagnostic) -> String {
        var text = diagnostic.description
        let prefix = sourceArgument == "." || sourceArgument.isEmpty ? "" : (sourceArgument.hasSuffix("/") ? sourceArgument : sourceArgument + "/")
        if !prefix.isEmpty, let file = diagnostic.file, !file.hasPrefix("/") {
            text = prefix + text
        }
        return text
    }

    func print(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics {
            FileHandle.standardError.write(Data((display(diagnostic) + "\n").utf8))
        }
    }

    func progress(step: String, seconds: Double) {
        let names = ["config": "настройки", "load": "чтение документов", "resolve": "связи и тексты", "theme": "тема",
                     "render": "страницы", "index": "поисковый индекс", "write": "запись"]
        FileHandle.standardError.write(Data("  \(names[step] ?? step): \(Self.seconds(seconds))\n".utf8))
    }

    func failure(_ report: BuildReport, built: Bool) {
        var line = "Ошибок: \(report.errors.count)"
        if !report.warnings.isEmpty { line += ", предупреждений: \(report.warnings.count)" }
        if built { line += ". Сайт не собран, прежняя версия не изменена." }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    func buildSummary(_ report: BuildReport) {
        let total = report.steps.map(\.seconds).reduce(0, +)
        var line = "Готово: \(Format.plural(report.documentCount, "документ", "документа", "документов")), \(Format.plural(report.pageCount, "страница", "страницы", "страниц"))"
        if !report.warnings.isEmpty { line += ", предупреждений: \(report.warnings.count)" }
        line += " за \(Self.seconds(total))"
        if let output = report.output { line += " → \(output.value)/index.html" }
        Swift.print(line)
    }

    func checkSummary(_ report: BuildReport) {
        var line = "Проверено: \(Format.plural(report.documentCount, "документ", "документа", "документов")), ошибок нет"
        if !report.warnings.isEmpty { line += ", предупреждений: \(report.warnings.count)" }
        Swift.print(line)
    }

    static func seconds(_ value: Double) -> String {
        String(format: "%.2f с", value).replacingOccurrences(of: ".", with: ",")
    }
}
