internal import CYAML

/// A place in a YAML text: line and column from 1, columns in Unicode scalars as libyaml counts.
struct YAMLMark: Equatable, Sendable {
    var line: Int
    var column: Int

    init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    fileprivate init(_ mark: yaml_mark_t) {
        line = Int(mark.line) + 1
        column = Int(mark.column) + 1
    }
}

/// One node of a YAML document: a scalar (text), a list or a mapping.
///
/// Composed here from libyaml's events rather than by Yams: building Yams' tree (an object per
/// tag, a node enum copied whole, a dictionary of every mapping's keys) took about 6 % of the
/// processor time of a cold build of 10,000 documents, more than twice libyaml's own parsing;
/// this tree takes a third of that time. Every value is text to us (the field decoders type
/// it), so tags are not kept.
struct YAMLNode: Sendable {
    enum Kind: UInt8, Sendable { case scalar, sequence, mapping }

    let kind: Kind
    /// Quoted or block scalars are never null; a plain `~` or `null` is.
    let isPlain: Bool
    private let text: String
    /// A list's items; a mapping's keys and values in turn.
    private let children: [YAMLNode]
    let mark: YAMLMark

    fileprivate init(kind: Kind, isPlain: Bool = false, text: String = "", children: [YAMLNode] = [], mark: YAMLMark) {
        self.kind = kind
        self.isPlain = isPlain
        self.text = text
        self.children = children
        self.mark = mark
    }

    /// An empty mapping at the start of the text: an empty settings file.
    static let emptyMapping = YAMLNode(kind: .mapping, mark: YAMLMark(line: 1, column: 1))

    /// A scalar's text, nil for a list or a mapping.
    var scalar: String? { kind == .scalar ? text : nil }
    var sequence: [YAMLNode]? { kind == .sequence ? children : nil }
    var mapping: Pairs? { kind == .mapping ? Pairs(flat: children) : nil }

    /// A mapping's pairs in the order written.
    struct Pairs: RandomAccessCollection {
        fileprivate let flat: [YAMLNode]
        var startIndex: Int { 0 }
        var endIndex: Int { flat.count / 2 }
        subscript(index: Int) -> (key: YAMLNode, value: YAMLNode) { (flat[2 * index], flat[2 * index + 1]) }
    }
}

/// Why a YAML text could not be read, in libyaml's words (translated by `YAMLProblem`).
struct YAMLError: Error {
    var problem: String
    var mark: YAMLMark?
    /// What libyaml was reading when it failed («while scanning a quoted scalar») and where that began.
    var context: String?
    var contextMark: YAMLMark?
    /// Keys written twice in one mapping, sorted; `problem` is empty then.
    var duplicateKeys: [String] = []
}

/// Reads one YAML document with libyaml: the stream's only document, or nil for an empty stream.
enum YAMLComposer {
    static func compose(_ text: String) throws(YAMLError) -> YAMLNode? {
        var text = text
        var result: Result<YAMLNode?, YAMLError> = .success(nil)
        text.withUTF8 { bytes in
            var composer = Composer(bytes)
            result = Result { () throws(YAMLError) in try composer.singleRoot() }
            composer.close()
        }
        return try result.get()
    }

    /// libyaml's parser and the event it last produced, at fixed addresses: the parser points
    /// at itself once given its input.
    private struct Composer {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
        var hasEvent = false
        var anchors: [String: YAMLNode] = [:]

        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            yaml_parser_initialize(parser)
            yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(parser, bytes.baseAddress, bytes.count)
        }

        mutating func close() {
            if hasEvent { yaml_event_delete(event) }
            yaml_parser_delete(parser)
            parser.deallocate()
            event.deallocate()
        }

        /// Moves on to the next event.
        mutating func next() throws(YAMLError) {
            if hasEvent { yaml_event_delete(event) }
            hasEvent = yaml_parser_parse(parser, event) == 1
            guard hasEvent else { throw failure() }
        }

        func failure() -> YAMLError {
            let p = parser.pointee
            let problem = p.problem.map { String(cString: $0) } ?? (p.error == YAML_MEMORY_ERROR ? "out of memory" : "unknown error")
            switch p.error {
            case YAML_SCANNER_ERROR, YAML_PARSER_ERROR:
                return YAMLError(
                    problem: problem, mark: YAMLMark(p.problem_mark),
                    context: p.context.map { String(cString: $0) }, contextMark: p.context.map { _ in YAMLMark(p.context_mark) })
            default:
                return YAMLError(problem: problem)
            }
        }

        var startMark: YAMLMark { YAMLMark(event.pointee.start_mark) }

        mutating func singleRoot() throws(YAMLError) -> YAMLNode? {
            try next()  // stream start
            try next()
            if event.pointee.type == YAML_STREAM_END_EVENT { return nil }
            try next()  // past the document start
            let root = try node()
            try next()  // the document end
            try next()
            if event.pointee.type != YAML_STREAM_END_EVENT {
                throw YAMLError(
                    problem: "but found another document", mark: startMark,
                    context: "expected a single document in the stream", contextMark: YAMLMark(line: 1, column: 1))
            }
            return root
        }

        /// The node whose first event is the current one; leaves its last event current.
        mutating func node() throws(YAMLError) -> YAMLNode {
            let mark = startMark
            let data = event.pointee.data
            // Copied now: the event, and the anchor's name in it, are freed by the next event.
            let anchor: String?
            let made: YAMLNode
            switch event.pointee.type {
            case YAML_ALIAS_EVENT:
                guard let node = anchors[String(cString: data.alias.anchor)] else {
                    throw YAMLError(problem: "found undefined alias", mark: mark)
                }
                return node
            case YAML_SCALAR_EVENT:
                anchor = data.scalar.anchor.map { String(cString: $0) }
                var bytes = UnsafeBufferPointer(start: data.scalar.value, count: data.scalar.length)
                // A byte order mark opening a value is dropped, as Foundation's decoding did for Yams.
                if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = UnsafeBufferPointer(rebasing: bytes.dropFirst(3)) }
                made = YAMLNode(
                    kind: .scalar, isPlain: data.scalar.style == YAML_PLAIN_SCALAR_STYLE,
                    text: String(decoding: bytes, as: UTF8.self), mark: mark)
            case YAML_SEQUENCE_START_EVENT:
                anchor = data.sequence_start.anchor.map { String(cString: $0) }
                made = YAMLNode(kind: .sequence, children: try children(until: YAML_SEQUENCE_END_EVENT), mark: mark)
            case YAML_MAPPING_START_EVENT:
                anchor = data.mapping_start.anchor.map { String(cString: $0) }
                // Keys and values in turn, as `YAMLNode` keeps them.
                let items = try children(until: YAML_MAPPING_END_EVENT)
                try Self.checkDuplicates(items)
                made = YAMLNode(kind: .mapping, children: items, mark: mark)
            default:
                preconditionFailure("libyaml gave event \(event.pointee.type) where a node starts")
            }
            // Registered once the node is whole: an alias inside it cannot name it.
            if let anchor { anchors[anchor] = made }
            return made
        }

        /// The nodes after the current event, up to the event `end`, which is left current.
        mutating func children(until end: yaml_event_type_t) throws(YAMLError) -> [YAMLNode] {
            var items: [YAMLNode] = []
            try next()
            while event.pointee.type != end {
                items.append(try node())
                try next()
            }
            return items
        }

        /// A key written twice in one mapping is an error, reported at the first of them: the
        /// front matter's author meant one of the two values, and YAML would keep the last.
        /// Each key is compared with those before it: a front matter has a few dozen keys, and
        /// hashing them cost more than the comparisons.
        static func checkDuplicates(_ items: [YAMLNode]) throws(YAMLError) {
            var repeated: [String] = []
            if items.count > 128 {
                var seen: Set<String> = []
                for key in stride(from: 0, to: items.count, by: 2) {
                    if let text = items[key].scalar, !seen.insert(text).inserted { repeated.append(text) }
                }
                repeated = Array(Set(repeated))
            } else {
                for key in stride(from: 2, to: items.count, by: 2) {
                    guard let text = items[key].scalar, !repeated.contains(text) else { continue }
                    if stride(from: 0, to: key, by: 2).contains(where: { items[$0].scalar == text }) { repeated.append(text) }
                }
            }
            guard !repeated.isEmpty else { return }
            repeated.sort()
            let first = stride(from: 0, to: items.count, by: 2).first { items[$0].scalar == repeated[0] }!
            throw YAMLError(problem: "", mark: items[first].mark, duplicateKeys: repeated)
        }
    }
}
