/// Writes JSON by hand: fast for a large index, and byte-for-byte stable.
struct JSONText {
    private(set) var text = ""

    init(capacity: Int = 0) {
        text.reserveCapacity(capacity)
    }

    mutating func raw(_ value: String) {
        text += value
    }

    mutating func string(_ value: String) {
        text += Self.quoted(value)
    }

    mutating func number(_ value: Int) {
        text += String(value)
    }

    mutating func number(_ value: Double) {
        text += Self.format(value)
    }

    mutating func strings(_ values: [String]) {
        text += "["
        for (i, value) in values.enumerated() {
            if i > 0 { text += "," }
            string(value)
        }
        text += "]"
    }

    /// A string literal valid in JSON and in JavaScript source. Besides what JSON requires,
    /// `<`, `>`, U+2028 and U+2029 are escaped, so the text can never close a script element.
    static func quoted(_ value: String) -> String {
        var out = "\""
        out.reserveCapacity(value.utf8.count + 2)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
        return out
    }

    /// Shortest round-trip form, with at most 4 decimals for readability.
    static func format(_ value: Double) -> String {
        let rounded = (value * 10_000).rounded() / 10_000
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        return String(rounded)
    }
}

/// Variable-length numbers in base-64 characters, as the browser files store postings:
/// 5 bits per character, the sixth set on every character but the last (low bits first).
enum VLQ {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".unicodeScalars)

    static func append(_ value: Int, to out: inout String.UnicodeScalarView) {
        precondition(value >= 0, "VLQ encodes non-negative numbers")
        var v = value
        while v >= 32 {
            out.append(alphabet[32 | (v & 31)])
            v >>= 5
        }
        out.append(alphabet[v])
    }

    /// One character for 0…63.
    static func appendDigit(_ value: Int, to out: inout String.UnicodeScalarView) {
        out.append(alphabet[value])
    }
}
