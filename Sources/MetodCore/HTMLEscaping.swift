/// Escaping for every place a user's text lands in generated files.
public enum Escape {
    /// Text and attribute values in HTML and XML (`&`, `<`, `>`, `"`, `'`).
    public static func html(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            // Most values have nothing to escape: one tight loop finds out, without a table.
            var first = 0
            while first < bytes.count, !needsHTMLEscape(bytes[first]) { first += 1 }
            guard first < bytes.count else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 32)
            out.append(contentsOf: bytes[..<first])
            for byte in bytes[first...] {
                switch byte {
                case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
                case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
                case UInt8(ascii: "'"): out.append(contentsOf: "&#39;".utf8)
                default: out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        } ?? text
    }

    /// The bytes `html` replaces.
    @inline(__always)
    private static func needsHTMLEscape(_ byte: UInt8) -> Bool {
        byte < 0x40 && (byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27)
    }

    /// A double-quoted JavaScript string literal that is safe inside an HTML `<script>`; also valid JSON.
    public static func jsString(_ text: String) -> String {
        var text = text
        // Most strings (codes, page paths, ids) have nothing to escape and are copied whole: the
        // short-address tables quote 20,000 of them on a bank of 10,000 documents, and one
        // scalar at a time that kept one core busy for about 0.05 s at the end of a build.
        // 0xE2 leads U+2028 and U+2029 (and other characters, which take the long way).
        let plain = text.withUTF8 { bytes in
            !bytes.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0x27 || $0 == 0xE2 }
        }
        if plain { return "\"" + text + "\"" }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "<", ">", "&", "'", "\u{2028}", "\u{2029}":
                out += String(format: "\\u%04x", scalar.value)
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}

import Foundation
