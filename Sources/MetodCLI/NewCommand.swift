import ArgumentParser
import Foundation
import MetodContent
import MetodCore
import MetodSite

extension DocumentType: ExpressibleByArgument {}

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Создаёт новый документ по заготовке: metodbank new practice \"Наставничество в школе\".",
        discussion: "Имя файла и id — транслитерация названия (nastavnichestvo-v-shkole). Существующие файлы не перезаписываются: если имя занято, берётся следующее свободное (…-2)."
    )

    @Argument(help: ArgumentHelp("Тип: \(DocumentType.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "тип"))
    var type: DocumentType

    @Argument(help: ArgumentHelp("Название документа.", valueName: "название"))
    var title: String

    @OptionGroup var options: SourceOptions

    func run() throws {
        var document = NewDocument(siteRoot: FilePath.resolving(options.source), type: type, title: title)
        document.today = options.todayDate
        do {
            let path = try document.create()
            let shown = options.source == "." ? path.value : (options.source.hasSuffix("/") ? options.source : options.source + "/") + path.value
            if !options.quiet { print("Создан \(shown): заполните поля и проверьте командой metodbank check") }
        } catch {
            FileHandle.standardError.write(Data("metodbank new: error: \(error.description)\n".utf8))
            throw ExitCode.failure
        }
    }
}
