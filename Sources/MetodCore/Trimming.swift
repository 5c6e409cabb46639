extension StringProtocol {
    /// The text without leading and trailing white space (spaces, tabs, line breaks and Unicode
    /// spaces such as U+00A0). Text that needs no trimming is returned without a scan.
    public var trimmedWhitespace: String {
        trimmed { $0.properties.isWhitespace }
    }

    /// The text without leading and trailing spaces and tabs (line breaks are kept).
    public var trimmedSpaces: String {
        trimmed { $0.properties.isWhitespace && $0 != "\n" && $0 != "\r" && $0 != "\u{2028}" && $0 != "\u{2029}" }
    }

    private func trimmed(where isSpace: (Unicode.Scalar) -> Bool) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return "" }
        if !isSpace(first), !isSpace(last) { return String(self) }
        guard let start = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let end = scalars.lastIndex(where: { !isSpace($0) })!
        return String(String.UnicodeScalarView(scalars[start...end]))
    }
}
