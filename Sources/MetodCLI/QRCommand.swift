import ArgumentParser
import Foundation
import MetodContent
import MetodCore
import MetodSite

struct QRCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qr",
        abstract: "Собирает сайт вместе с листом QR-карточек для печати (handouts/ИМЯ.html).",
        discussion: """
        Документы выбираются по идентификаторам (--id) и по условиям: ссылаются на дефицит \
        (--deficit) или показатель (--indicator), имеют тип (--type) или метку (--tag). \
        Несколько условий сужают выбор, документы из --id добавляются всегда.
        Пример: metodbank qr --deficit zatrudneniya-podgotovki-k-gia --title "Подготовка к ГИА" --svg qr-svg
        """
    )

    @OptionGroup var options: SourceOptions

    @Option(name: .long, help: ArgumentHelp("Папка для сайта (по умолчанию — output из metodbank.yml).", valueName: "папка"))
    var output: String?

    @Option(name: .customLong("id"), help: ArgumentHelp("Идентификатор документа (можно повторять).", valueName: "id"))
    var ids: [String] = []

    @Option(name: .long, help: ArgumentHelp("Все документы, устраняющие этот дефицит.", valueName: "id"))
    var deficit: String?

    @Option(name: .long, help: ArgumentHelp("Все документы, влияющие на этот показатель.", valueName: "id"))
    var indicator: String?

    @Option(name: .long, help: ArgumentHelp("Все документы типа: \(DocumentType.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "тип"))
    var type: String?

    @Option(name: .long, help: ArgumentHelp("Все документы с этой меткой.", valueName: "метка"))
    var tag: String?

    @Option(name: .long, help: ArgumentHelp("Заголовок листа.", valueName: "текст"))
    var title = "QR-коды материалов банка"

    @Option(name: .long, help: ArgumentHelp("Имя файла листа в папке handouts/ (латиница, цифры, «-»).", valueName: "имя"))
    var name = "qr"

    @Option(name: .long, help: ArgumentHelp("Записать также по одному SVG-файлу на код в эту папку.", valueName: "папка"))
    var svg: String?

    func validate() throws {
        if ids.isEmpty, deficit == nil, indicator == nil, type == nil, tag == nil {
            throw ValidationError("укажите, какие документы поместить на лист: --id, --deficit, --indicator, --type или --tag")
        }
        if let type, DocumentType(rawValue: type) == nil {
            throw ValidationError("неизвестный тип «\(type)»; допустимы: \(DocumentType.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if name.isEmpty || !name.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }) {
            throw ValidationError("имя листа «\(name)» допускает только строчные латинские буквы, цифры и «-»")
        }
    }

    func run() throws {
        var builder = SiteBuilder(siteRoot: FilePath.resolving(options.source), output: output.map { FilePath.resolving($0) })
        let selection = HandoutSelection(ids: ids, deficit: deficit, indicator: indicator, type: type.flatMap(DocumentType.init(rawValue:)), tag: tag)
        builder.handouts = [HandoutRequest(name: name, title: title, selection: selection)]
        builder.svgFolder = svg.map { FilePath.resolving($0) }
        builder.today = options.todayDate
        builder.leavesContentAtExit = true
        let printer = DiagnosticPrinter(sourceArgument: options.source, format: options.format)
        let report = builder.build()
        printer.print(report.diagnostics)
        guard report.succeeded, let site = report.output else {
            printer.failure(report, built: true)
            throw ExitCode.failure
        }
        if !options.quiet {
            print("Лист QR-кодов: \(site.appending(builder.handouts[0].path.value).value)")
            if let svg { print("SVG-файлы кодов: \(FilePath.resolving(svg).value)/") }
        }
    }
}
