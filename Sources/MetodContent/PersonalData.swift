import Foundation
import MetodCore

/// Finds text that looks like personal data — phone numbers, e-mail addresses, СНИЛС — which a
/// public bank must not publish (ИОМ samples are anonymised by design).
enum PersonalData {
    private static let patterns: [(kind: String, regex: NSRegularExpression, digits: Int?)] = [
        ("адрес электронной почты", try! NSRegularExpression(pattern: "[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}"), nil),
        ("СНИЛС", try! NSRegularExpression(pattern: "(?<![\\d-])\\d{3}-\\d{3}-\\d{3}[ -]\\d{2}(?![\\d-])"), nil),
        ("номер телефона", try! NSRegularExpression(pattern: "(?<![\\d\\w])(?:\\+7|8)[ \\-(]*\\d{3,5}[ \\-)]*\\d{1,3}[ -]?\\d{2}[ -]?\\d{2}(?![\\d])"), 11),
    ]

    static func scan(_ text: String, file: ContentPath) -> [Diagnostic] {
        var text = text
        return text.withUTF8 { bytes in
            var warnings: [Diagnostic] = []
            // Lines are found on UTF-8 bytes; only lines with a digit or «@» are looked at closely.
            bytes.forEachLine { number, range in
                let line = UnsafeBufferPointer(rebasing: bytes[range])
                if mayHoldPersonalData(line) {
                    look(at: String(decoding: line, as: UTF8.self), line: number, file: file, into: &warnings)
                }
                return true
            }
            return warnings
        }
    }

    /// A phone number and a СНИЛС are 11 digits apart from spaces, hyphens and brackets; an
    /// e-mail address has «@».
    static func mayHoldPersonalData(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = line.baseAddress else { return false }
        var run = 0
        var i = 0
        while i < line.count {
            // Outside a run of digits, eight bytes without a digit or «@» change nothing: skipped
            // at once (almost all of a Russian text).
            if run == 0, i + 8 <= line.count, !hasDigitOrAt(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) {
                i += 8
                continue
            }
            let byte = line[i]
            i += 1
            switch byte {
            case 48...57:
                run += 1
                if run >= 11 { return true }
            case 0x20, 0x2D, 0x28, 0x29, 0x2B: break
            case 64: return true
            default: run = 0
            }
        }
        return false
    }

    /// Whether any of the eight bytes is a digit or «@» (bit tricks: a byte below n exists where
    /// `(x - n·0x01…) & ~x & 0x80…` is not zero, for n ≤ 128).
    @inline(__always)
    private static func hasDigitOrAt(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let digits = word ^ (ones &* 0x30)  // «0»…«9» become 0…9
        let at = word ^ (ones &* 0x40)  // «@» becomes 0
        return ((digits &- ones &* 10) & ~digits & highs) | ((at &- ones) & ~at & highs) != 0
    }

    private static func look(at string: String, line lineNumber: Int, file: ContentPath, into warnings: inout [Diagnostic]) {
        let range = NSRange(string.startIndex..., in: string)
        var taken: [Range<String.Index>] = []
        for pattern in patterns {
            for match in pattern.regex.matches(in: string, range: range) {
                guard let found = Range(match.range, in: string), !taken.contains(where: { $0.overlaps(found) }) else { continue }
                let value = String(string[found])
                if let digits = pattern.digits, value.filter(\.isNumber).count != digits { continue }
                taken.append(found)
                let column = string[..<found.lowerBound].unicodeScalars.count + 1
                warnings.append(.warning(
                    "похоже на \(pattern.kind) «\(value)»: в открытом банке не публикуют персональные данные (152-ФЗ), удалите или обезличьте",
                    at: SourceLocation(file: file, line: lineNumber, column: column)))
            }
        }
    }
}
