extension StringProtocol {
    /// The text without leading and trailing white space (spaces, tabs, line breaks and Unicode
    /// spaces such as U+00A0). Text that needs no trimming is returned without a scan.
    @inlinable
    public var trimmedWhitespace: String {
        trimmed { Self.isWhitespace($0) }
    }

    /// The text without leading and trailing spaces and tabs (line breaks are kept).
    @inlinable
    public var trimmedSpaces: String {
        trimmed { Self.isWhitespace($0) && $0 != "\n" && $0 != "\r" && $0 != "\u{2028}" && $0 != "\u{2029}" }
    }

    /// Unicode's White_Space, answered without the property tables for ASCII and Cyrillic
    /// (the letters of almost every value), which have no spaces but ASCII's.
    @inlinable
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20: true
        case 0...0x7F, 0x400...0x4FF: false
        default: scalar.properties.isWhitespace
        }
    }

    @usableFromInline
    func trimmed(where isSpace: (Unicode.Scalar) -> Bool) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return "" }
        if !isSpace(first), !isSpace(last) { return String(self) }
        guard let start = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let end = scalars.lastIndex(where: { !isSpace($0) })!
        return String(String.UnicodeScalarView(scalars[start...end]))
    }
}
