/// A position in a source file; lines and columns start at 1 (column counts Unicode scalars).
public struct SourceLocation: Hashable, Sendable, Comparable {
    public var file: ContentPath
    public var line: Int
    public var column: Int

    public init(file: ContentPath, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file.value, lhs.line, lhs.column) < (rhs.file.value, rhs.line, rhs.column)
    }
}

/// One problem found in the bank, printed as `path:line:col: error: message`.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable, Comparable {
        case error
        case warning

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs == .error && rhs == .warning
        }
    }

    public var severity: Severity
    /// Where the problem is; `nil` for problems of the whole site (config, theme).
    public var location: SourceLocation?
    /// A file-level location without a line, used when only the file is known.
    public var file: String?
    public var message: String

    public init(_ severity: Severity, at location: SourceLocation?, _ message: String) {
        self.severity = severity
        self.location = location
        self.file = location?.file.value
        self.message = message
    }

    public init(_ severity: Severity, file: String, _ message: String) {
        self.severity = severity
        self.location = nil
        self.file = file
        self.message = message
    }

    public static func error(_ message: String, at location: SourceLocation?) -> Diagnostic {
        Diagnostic(.error, at: location, message)
    }

    public static func warning(_ message: String, at location: SourceLocation?) -> Diagnostic {
        Diagnostic(.warning, at: location, message)
    }

    /// `content/practices/x.md:7:14: error: …`, the format editors and CI understand.
    public var description: String {
        var prefix = ""
        if let location {
            prefix = "\(location.file.displayPath):\(location.line):\(location.column): "
        } else if let file {
            prefix = "\(file): "
        }
        return "\(prefix)\(severity.rawValue): \(message)"
    }
}

extension Diagnostic: Comparable {
    /// Diagnostics print in file order, then line and column, so output is stable.
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        let l = (lhs.file ?? "", lhs.location?.line ?? 0, lhs.location?.column ?? 0, lhs.message)
        let r = (rhs.file ?? "", rhs.location?.line ?? 0, rhs.location?.column ?? 0, rhs.message)
        return l < r
    }
}

/// Thrown when a step found errors; the diagnostics have already been collected.
public struct BuildFailure: Error, Sendable {
    public var diagnostics: [Diagnostic]
    public init(diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
}
