import Foundation
import MetodCore
import MetodSite

/// Prints diagnostics as `path:line:col: error: message` and the Russian summaries.
struct DiagnosticPrinter: Sendable {
    /// The `--source` the user typed; paths are shown relative to where they stand.
    var sourceArgument: String
    var format: DiagnosticFormat = .text

    /// The file as the user sees it from where they ran the command.
    func path(of diagnostic: Diagnostic) -> String? {
        guard let file = diagnostic.file else { return nil }
        let prefix = sourceArgument == "." || sourceArgument.isEmpty ? "" : (sourceArgument.hasSuffix("/") ? sourceArgument : sourceArgument + "/")
        return file.hasPrefix("/") ? file : prefix + file
    }

    func display(_ diagnostic: Diagnostic) -> String {
        var text = diagnostic.description
        if let file = diagnostic.file, let shown = path(of: diagnostic), shown != file {
            text = String(shown.dropLast(file.count)) + text
        }
        return text
    }

    /// Text goes to standard error; JSON and GitHub annotations to standard output, for tools.
    func print(_ diagnostics: [Diagnostic], strict: Bool = false) {
        switch format {
        case .text:
            for diagnostic in diagnostics {
                FileHandle.standardError.write(Data((display(diagnostic) + "\n").utf8))
            }
        case .json:
            Swift.print(json(diagnostics))
        case .github:
            for diagnostic in diagnostics {
                Swift.print(githubAnnotation(diagnostic, strict: strict))
            }
        }
    }

    func json(_ diagnostics: [Diagnostic]) -> String {
        let items = diagnostics.map { d -> String in
            var fields = ["\"severity\":\(Self.jsonString(d.severity.rawValue))"]
            if let file = path(of: d) { fields.append("\"file\":\(Self.jsonString(file))") }
            if let location = d.location { fields += ["\"line\":\(location.line)", "\"column\":\(location.column)"] }
            fields.append("\"message\":\(Self.jsonString(d.message))")
            return "{" + fields.joined(separator: ",") + "}"
        }
        let errors = diagnostics.filter { $0.severity == .error }.count
        return "{\"errors\":\(errors),\"warnings\":\(diagnostics.count - errors),\"diagnostics\":[" + items.joined(separator: ",") + "]}"
    }

    /// `::error file=…,line=…,col=…::message`, escaped as GitHub Actions requires.
    func githubAnnotation(_ d: Diagnostic, strict: Bool) -> String {
        let level = d.severity == .error || strict ? "error" : "warning"
        var properties: [String] = []
        if let file = path(of: d) { properties.append("file=\(Self.githubProperty(file))") }
        if let location = d.location { properties += ["line=\(location.line)", "col=\(location.column)"] }
        let head = properties.isEmpty ? "::\(level)" : "::\(level) \(properties.joined(separator: ","))"
        return head + "::" + Self.githubData(d.message)
    }

    static func githubData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    static func githubProperty(_ text: String) -> String {
        githubData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }

    /// A JSON string literal (the same escaping the site uses for scripts).
    static func jsonString(_ text: String) -> String { Escape.jsString(text) }

    static let stepNames = [
        "config": "настройки", "load": "чтение документов", "resolve": "связи и тексты", "validate": "проверка",
        "theme": "тема", "qr": "QR-коды", "render": "страницы", "index": "поисковый индекс", "write": "запись",
    ]

    /// One line on a terminal, rewritten as each step ends (`\r`, then erase to the end).
    func progressLine(step: String, seconds: Double) -> String {
        "\r\u{1B}[K  \(Self.stepNames[step] ?? step) — \(Self.seconds(seconds))…"
    }

    func progress(step: String, seconds: Double) {
        FileHandle.standardError.write(Data(progressLine(step: step, seconds: seconds).utf8))
    }

    /// Clears the progress line before the summary or the diagnostics are printed.
    func endProgress() {
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    func failure(_ report: BuildReport, built: Bool) {
        var line = "Ошибок: \(report.errors.count)"
        if !report.warnings.isEmpty { line += ", предупреждений: \(report.warnings.count)" }
        if report.errors.isEmpty, !report.warnings.isEmpty { line += " (с --strict предупреждения считаются ошибками)" }
        if built { line += ". Сайт не собран, прежняя версия не изменена." }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    func buildSummary(_ report: BuildReport) {
        var line = "Готово: \(Format.plural(report.documentCount, "документ", "документа", "документов")), \(Format.plural(report.pageCount, "страница", "страницы", "страниц"))"
        if !report.warnings.isEmpty { line += ", предупреждений: \(report.warnings.count)" }
        line += " за \(Self.seconds(report.seconds))"
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
