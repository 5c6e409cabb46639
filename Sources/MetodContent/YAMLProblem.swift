/// libyaml's messages in the words of a methodologist; an unknown one is kept in English.
enum YAMLProblem {
    private static let problems: [(String, String)] = [
        ("found unexpected end of stream", "блок свойств закончился раньше, чем ожидалось"),
        ("mapping values are not allowed", "двоеточие с пробелом внутри значения"),
        ("found character that cannot start any token", "недопустимый символ в начале значения"),
        ("found a tab character", "символ табуляции"),
        ("could not find expected ':'", "после имени поля нет двоеточия"),
        ("did not find expected key", "ожидалось имя поля"),
        ("did not find expected '-' indicator", "ожидался элемент списка «- …»"),
        ("did not find expected ',' or ']'", "список в квадратных скобках не закрыт: нет «]»"),
        ("did not find expected ',' or '}'", "набор в фигурных скобках не закрыт: нет «}»"),
        ("found undefined alias", "ссылка на неопределённую метку (*)"),
        ("found duplicate key", "поле указано дважды"),
        ("block sequence entries are not allowed", "элемент списка «- » в неположенном месте"),
    ]

    private static let contexts: [(String, String)] = [
        ("while scanning a quoted scalar", "не закрыта кавычка, открытая"),
        ("while parsing a flow sequence", "список, начатый"),
        ("while parsing a flow mapping", "набор, начатый"),
        ("while scanning a simple key", "имя поля, начатое"),
        ("while parsing a block mapping", "набор полей, начатый"),
    ]

    static func russian(problem: String, context: String?, contextMark: YAMLMark?, lineOffset: Int) -> String {
        var text = problems.first { problem.hasPrefix($0.0) }?.1 ?? problem
        if problem.contains("tab") && !text.contains("табуляц") { text += " (табуляция)" }
        if let context, let mark = contextMark, let phrase = contexts.first(where: { context.hasPrefix($0.0) })?.1 {
            text += "; \(phrase) в строке \(mark.line + lineOffset), столбце \(mark.column)"
        }
        return text
    }
}
