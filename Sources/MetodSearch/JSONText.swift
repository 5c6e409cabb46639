import Foundation

/// Writes JSON by hand into UTF-8 bytes: fast for a large index, and byte-for-byte stable.
struct JSONText {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    var data: Data { Data(bytes) }
    var text: String { String(decoding: bytes, as: UTF8.self) }

    mutating func raw(_ value: String) {
        bytes.append(contentsOf: value.utf8)
    }

    mutating func number(_ value: Int) {
        // Digits written straight into the buffer: the index holds millions of small numbers.
        if value < 0 { return raw(String(value)) }
        if value < 10 { return bytes.append(UInt8(ascii: "0") + UInt8(value)) }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { buffer in
            var v = value
            var start = buffer.count
            while v > 0 {
                start -= 1
                buffer[start] = UInt8(ascii: "0") + UInt8(v % 10)
                v /= 10
            }
            bytes.append(contentsOf: buffer[start...])
        }
    }

    /// A string literal whose characters never need escaping (VLQ text).
    mutating func plainString(_ value: [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: value)
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func plainStrings(_ values: [[UInt8]]) {
        list(values) { $0.plainString($1) }
    }

    /// `[…]`, each value written by `item`, with `separator` between them.
    mutating func list<Value>(_ values: [Value], separator: String = ",", _ item: (inout JSONText, Value) -> Void) {
        bytes.append(UInt8(ascii: "["))
        for (i, value) in values.enumerated() {
            if i > 0 { raw(separator) }
            item(&self, value)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    mutating func byte(_ value: UInt8) {
        bytes.append(value)
    }

    /// JSON made before, as it is.
    mutating func append(_ made: [UInt8]) {
        bytes.append(contentsOf: made)
    }

    mutating func number(_ value: Double) {
        raw(Self.format(value))
    }

    /// `{"key":…,"label":…}`: types and facet values in the index.
    mutating func keyLabel(_ key: String, _ label: String) {
        raw("{\"key\":")
        string(key)
        raw(",\"label\":")
        string(label)
        raw("}")
    }

    mutating func strings(_ values: [String]) {
        list(values) { $0.string($1) }
    }

    /// A string literal valid in JSON and in JavaScript source. Besides what JSON requires,
    /// `<`, `>`, U+2028 and U+2029 are escaped, so the text can never close a script element.
    mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.makeContiguousUTF8()
        _ = value.utf8.withContiguousStorageIfAvailable { utf8 in
            var i = 0
            var run = 0
            while i < utf8.count {
                let byte = utf8[i]
                // Most bytes need no escape: copied in runs, found with one table lookup each.
                if !Self.mayNeedEscape[Int(byte)] {
                    i += 1
                    continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<i]))
                switch byte {
                case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
                case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                case UInt8(ascii: "<"): bytes.append(contentsOf: Array("\\u003c".utf8))
                case UInt8(ascii: ">"): bytes.append(contentsOf: Array("\\u003e".utf8))
                case 0xE2 where i + 2 < utf8.count && utf8[i + 1] == 0x80 && (utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9):
                    bytes.append(contentsOf: Array((utf8[i + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8))
                    i += 2
                case 0..<0x20:
                    let hex = String(byte, radix: 16)
                    bytes.append(contentsOf: Array(("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8))
                default:
                    bytes.append(byte)
                }
                i += 1
                run = i
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<utf8.count]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// The bytes `string` looks at closely: control characters, `"`, `\`, `<`, `>`, and 0xE2,
    /// the first byte of U+2028 and U+2029.
    private static let mayNeedEscape: [Bool] = (0...255).map { byte in
        byte < 0x20 || [0x22, 0x5C, 0x3C, 0x3E, 0xE2].contains(byte)
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
    static let bytes = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Written as ASCII bytes: the postings of a large bank are millions of characters.
    static func append(_ value: Int, to out: inout [UInt8]) {
        precondition(value >= 0, "VLQ encodes non-negative numbers")
        var v = value
        while v >= 32 {
            out.append(bytes[32 | (v & 31)])
            v >>= 5
        }
        out.append(bytes[v])
    }

    /// One character for 0…63.
    static func appendDigit(_ value: Int, to out: inout [UInt8]) {
        out.append(bytes[value])
    }
}
