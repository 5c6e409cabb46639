extension StringProtocol {
    /// The text without leading and trailing white space (spaces, tabs, line breaks and Unicode
    /// spaces such as U+00A0). Text that needs no trimming is returned without a scan.
    public var trimmedWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return "" }
        if !first.properties.isWhitespace, !last.properties.isWhitespace { return String(self) }
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(String.UnicodeScalarView(scalars[start...end]))
    }

    /// The text without leading and trailing spaces and tabs (line breaks are kept).
    public var trimmedSpaces: String {
        let isSpace: (Unicode.Scalar) -> Bool = { $0.properties.isWhitespace && $0 != "\n" && $0 != "\r" && $0 != "\u{2028}" && $0 != "\u{2029}" }
        let scalars = unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return "" }
        if !isSpace(first), !isSpace(last) { return String(self) }
        guard let start = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let end = scalars.lastIndex(where: { !isSpace($0) })!
        return String(String.UnicodeScalarView(scalars[start...end]))
    }
}
