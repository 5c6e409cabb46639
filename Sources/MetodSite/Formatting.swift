import Foundation

/// Numbers, sizes and labels as a Russian reader expects them.
public enum Format {
    /// `24.5` → «24,5», `40.0` → «40».
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        var text = String(format: "%.2f", value)
        while text.hasSuffix("0") { text.removeLast() }
        return text.replacingOccurrences(of: ".", with: ",")
    }

    /// «812 Б», «12,3 КБ», «1,4 МБ».
    static func size(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) Б" }
        let kb = Double(bytes) / 1024
        if kb < 1024 { return oneDecimal(kb) + " КБ" }
        return oneDecimal(kb / 1024) + " МБ"
    }

    private static func oneDecimal(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return number(rounded)
    }

    /// The kind of an attached file from its extension («DOCX», «PDF»).
    static func fileKind(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "файл" }
        return name[name.index(after: dot)...].uppercased()
    }

    /// Russian plural: 1 документ, 2 документа, 5 документов.
    public static func plural(_ n: Int, _ one: String, _ few: String, _ many: String) -> String {
        let mod10 = n % 10, mod100 = n % 100
        let word = mod10 == 1 && mod100 != 11 ? one : (2...4).contains(mod10) && !(12...14).contains(mod100) ? few : many
        return "\(n) \(word)"
    }
}
