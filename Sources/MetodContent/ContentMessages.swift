/// Every message the content step shows a methodologist, in one place so wording stays consistent.
enum ContentMessage {
    static func quoted(_ value: String) -> String { "«\(value)»" }

    static func didYouMean(_ suggestion: String?) -> String {
        suggestion.map { "; возможно, имелось в виду «\($0)»" } ?? ""
    }

    static let noFrontMatter = "нет блока свойств: файл должен начинаться со строки «---», затем свойства в YAML и снова «---»"
    static let unclosedFrontMatter = "блок свойств не закрыт: после свойств нужна строка «---»"
    static let emptyFile = "пустой файл: нужен блок свойств с полем title"
    static let binaryFile = "файл не похож на текст (двоичные данные); документы банка — текстовые файлы Markdown"
    static let windows1251 = "файл в кодировке Windows-1251, сохраните его в UTF-8"
    static let invalidUTF8 = "файл не в кодировке UTF-8, сохраните его в UTF-8"
    static let frontMatterNotMapping = "блок свойств должен быть набором «поле: значение»"

    static func yamlSyntax(_ problem: String) -> String {
        var message = "ошибка синтаксиса YAML: \(problem)"
        if problem.contains("табуляц") {
            message = "ошибка синтаксиса YAML: символ табуляции в YAML запрещён, используйте пробелы"
        } else if problem.contains("недопустимый символ") {
            message += " (символ табуляции в YAML запрещён, используйте пробелы)"
        } else if problem.contains("двоеточие с пробелом") {
            message += " (если значение содержит «: », заключите его в кавычки)"
        }
        return message
    }

    static func duplicateKey(_ key: String) -> String { "поле «\(key)» указано дважды" }

    static func unknownField(_ field: String, type: DocumentType, suggestion: String?) -> String {
        "неизвестное поле «\(field)» для типа «\(type.rawValue)»\(didYouMean(suggestion))"
    }

    static func missingField(_ field: String) -> String { "не указано обязательное поле «\(field)»" }
    static func emptyField(_ field: String) -> String { "поле «\(field)» не может быть пустым" }
    static func expectedText(_ field: String) -> String { "поле «\(field)» должно быть строкой текста" }
    static func expectedList(_ field: String) -> String { "поле «\(field)» должно быть списком (например, [a, b] или строки «- …»)" }
    static func expectedMapping(_ field: String) -> String { "поле «\(field)» должно быть набором вложенных полей" }
    static func expectedNumber(_ field: String, _ value: String) -> String { "поле «\(field)»: «\(value)» не является числом" }
    static func expectedYear(_ field: String, _ value: String) -> String { "поле «\(field)»: «\(value)» не является годом (например, 2024)" }
    static func badDate(_ field: String, _ value: String) -> String {
        "поле «\(field)»: «\(value)» не является датой в виде ГГГГ-ММ-ДД (например, 2024-09-01)"
    }

    static func notInList(_ field: String, _ value: String, allowed: [String], suggestion: String?) -> String {
        "поле «\(field)»: значение «\(value)» не из списка (\(allowed.joined(separator: ", ")))\(didYouMean(suggestion))"
    }

    static func badID(_ value: String) -> String {
        "идентификатор «\(value)» допускает только строчные латинские буквы, цифры и «-» (например, nastavnichestvo-v-shkole)"
    }

    static func unknownType(_ value: String, suggestion: String?) -> String {
        "неизвестный тип документа «\(value)» (допустимы: \(DocumentType.allCases.map(\.rawValue).joined(separator: ", ")))\(didYouMean(suggestion))"
    }

    static func typeNotDetermined(_ folder: String) -> String {
        "не удалось определить тип документа: папка «\(folder)» не относится ни к одному типу; укажите поле type или переместите файл в папку типа (practices, mentoring, iom, regulations, roadmaps, deficits, indicators)"
    }

    static func duplicateID(_ id: String, other: String) -> String {
        "идентификатор «\(id)» уже занят документом \(other)"
    }

    static func aliasTaken(_ alias: String, other: String) -> String {
        "прежний идентификатор «\(alias)» совпадает с идентификатором или прежним идентификатором документа \(other)"
    }

    static func unknownReference(_ id: String, role: ReferenceRole, suggestion: String?) -> String {
        let what: String
        switch role {
        case .deficit: what = "неизвестный дефицит"
        case .indicator: what = "неизвестный показатель"
        case .regulation: what = "неизвестное положение"
        case .link, .listed: what = "неизвестный документ"
        }
        return "\(what) «\(id)»\(didYouMean(suggestion))"
    }

    static func wrongReferenceType(_ id: String, role: ReferenceRole, actual: DocumentType) -> String {
        let expected = role.expectedType.map { $0.singularName.lowercased() } ?? "документ"
        return "«\(id)» — это \(actual.singularName.lowercased()), а здесь нужен \(expected)"
    }

    static func brokenLink(_ destination: String, suggestion: String?) -> String {
        "ссылка «\(destination)» ведёт на несуществующий документ или файл\(didYouMean(suggestion))"
    }

    static func leavesContent(_ field: String, _ path: String) -> String {
        "\(field) «\(path)» указывает за пределы папки content/; файлы банка должны лежать внутри неё"
    }

    static func missingAttachment(_ path: String) -> String { "вложение «\(path)» не найдено" }
    static func absolutePath(_ field: String, _ path: String) -> String {
        "\(field) «\(path)»: укажите путь относительно документа (например, ../files/plan.docx), а не абсолютный"
    }

    static func targetsYear(_ key: String) -> String { "в поле «targets» ключ «\(key)» должен быть годом (например, 2025)" }
}
