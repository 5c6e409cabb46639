import MetodCore

/// Collects the diagnostics of one file; each decoder appends to it and carries on.
final class DiagnosticBag {
    private(set) var items: [Diagnostic] = []
    func error(_ message: String, at location: SourceLocation) { items.append(.error(message, at: location)) }
    func warning(_ message: String, at location: SourceLocation) { items.append(.warning(message, at: location)) }
    var hasErrors: Bool { items.contains { $0.severity == .error } }
}

/// Where nodes of one front matter sit in the file.
struct NodeLocator {
    var file: ContentPath
    var lineOffset: Int
    var fallback: SourceLocation

    func location(_ node: YAMLNode?) -> SourceLocation {
        guard let mark = node?.mark else { return fallback }
        return SourceLocation(file: file, line: mark.line + lineOffset, column: mark.column)
    }
}

/// A YAML mapping read field by field; every value is checked and every problem recorded with
/// its line and column. Fields never asked for are reported as unknown by `reportUnknown`.
struct Fields {
    let node: YAMLNode
    let path: String
    let locator: NodeLocator
    let bag: DiagnosticBag
    private var entries: [(key: String, keyNode: YAMLNode, value: YAMLNode)] = []
    /// The entries' keys, searched on their own: searching `entries` copied each entry's nodes.
    private var keys: [String] = []
    /// Per entry: some decoder asked for it.
    private var entryAsked: [Bool] = []
    /// Every name asked for, present or not, with repeats: the suggestions for an unknown field.
    /// A list, not a set: it is read only when a field is unknown, and hashing each name as it
    /// was asked showed in profiles.
    private var asked: [String] = []

    init(_ node: YAMLNode, path: String = "", locator: NodeLocator, bag: DiagnosticBag) {
        self.node = node
        self.path = path
        self.locator = locator
        self.bag = bag
        if let mapping = node.mapping {
            // A front matter has a few dozen keys: a repeat is found by looking through them,
            // and only a long mapping pays for a set.
            var seen: Set<String>? = mapping.count > 32 ? [] : nil
            for (key, value) in mapping {
                let name = key.scalar ?? ""
                let repeated = seen.map { $0.contains(name) } ?? keys.contains(name)
                if repeated {
                    bag.error(ContentMessage.duplicateKey(name), at: locator.location(key))
                    continue
                }
                seen?.insert(name)
                entries.append((name, key, value))
                keys.append(name)
            }
            entryAsked = Array(repeating: false, count: entries.count)
        }
    }

    var location: SourceLocation { locator.location(node) }

    private func qualified(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    private mutating func raw(_ key: String) -> (keyNode: YAMLNode, value: YAMLNode)? {
        asked.append(key)
        guard let index = keys.firstIndex(of: key) else { return nil }
        entryAsked[index] = true
        guard !Fields.isNull(entries[index].value) else { return nil }
        return (entries[index].keyNode, entries[index].value)
    }

    func has(_ key: String) -> Bool { keys.contains(key) }

    func valueLocation(_ key: String) -> SourceLocation {
        locator.location(keys.firstIndex(of: key).map { entries[$0].value })
    }

    /// A plain `~`, `null`, `Null`, `NULL` or nothing. Compared byte by byte: comparing every
    /// Cyrillic value with each spelling as Swift strings checked Unicode equivalence.
    static func isNull(_ node: YAMLNode) -> Bool {
        guard node.isPlain, let scalar = node.scalar else { return false }
        let bytes = scalar.utf8
        return bytes.count <= 4 && Self.nullSpellings.contains { bytes.elementsEqual($0.utf8) }
    }

    private static let nullSpellings = ["", "~", "null", "Null", "NULL"]

    private func missing(_ key: String) {
        if let index = keys.firstIndex(of: key) {
            bag.error(ContentMessage.emptyField(qualified(key)), at: locator.location(entries[index].keyNode))
        } else {
            bag.error(ContentMessage.missingField(qualified(key)), at: location)
        }
    }

    /// A one-line or multi-line text value; numbers and dates are read as they were written.
    mutating func text(_ key: String, required: Bool = false) -> String? {
        guard let (_, value) = raw(key) else {
            if required { missing(key) }
            return nil
        }
        guard let scalar = value.scalar else {
            bag.error(ContentMessage.expectedText(qualified(key)), at: locator.location(value))
            return nil
        }
        let text = scalar.trimmedWhitespace
        if text.isEmpty {
            if required { missing(key) }
            return nil
        }
        return text
    }

    mutating func date(_ key: String) -> DocumentDate? {
        guard let (_, value) = raw(key) else { return nil }
        let written = value.scalar ?? ""
        guard let date = DocumentDate(written.trimmedSpaces) else {
            bag.error(ContentMessage.badDate(qualified(key), written), at: locator.location(value))
            return nil
        }
        return date
    }

    mutating func number(_ key: String) -> Double? {
        guard let (_, value) = raw(key) else { return nil }
        return Fields.number(value, field: qualified(key), locator: locator, bag: bag)
    }

    static func number(_ value: YAMLNode, field: String, locator: NodeLocator, bag: DiagnosticBag) -> Double? {
        let written = value.scalar ?? ""
        // Russian writers use a decimal comma: «24,5».
        let normalized = written.trimmedSpaces.replacingOccurrences(of: ",", with: ".")
        guard value.scalar != nil, let number = Double(normalized), number.isFinite else {
            bag.error(ContentMessage.expectedNumber(field, written), at: locator.location(value))
            return nil
        }
        return number
    }

    mutating func year(_ key: String) -> Int? {
        guard let (_, value) = raw(key) else { return nil }
        let written = value.scalar ?? ""
        guard let year = Int(written.trimmedSpaces), (1900...2200).contains(year) else {
            bag.error(ContentMessage.expectedYear(qualified(key), written), at: locator.location(value))
            return nil
        }
        return year
    }

    /// A value from a fixed list; `normalize` maps accepted spellings to the canonical one.
    mutating func choice(_ key: String, allowed: [String], required: Bool = false, normalize: (String) -> String = { $0 }) -> String? {
        guard let text = text(key, required: required) else { return nil }
        let value = normalize(text)
        guard allowed.contains(value) else {
            bag.error(
                ContentMessage.notInList(qualified(key), text, allowed: allowed, suggestion: Suggestion.closest(to: value, in: allowed)),
                at: valueLocation(key))
            return nil
        }
        return value
    }

    /// A list of texts; a single text is accepted as a list of one.
    mutating func textList(_ key: String) -> [String] {
        textListWithNodes(key).map(\.text)
    }

    mutating func textListWithNodes(_ key: String) -> [(text: String, node: YAMLNode)] {
        guard let (_, value) = raw(key) else { return [] }
        if let scalar = value.scalar {
            let text = scalar.trimmedWhitespace
            return text.isEmpty ? [] : [(text, value)]
        }
        guard let sequence = value.sequence else {
            bag.error(ContentMessage.expectedList(qualified(key)), at: locator.location(value))
            return []
        }
        var items: [(String, YAMLNode)] = []
        for item in sequence {
            guard let scalar = item.scalar else {
                bag.error(ContentMessage.expectedText("\(qualified(key))[]"), at: locator.location(item))
                continue
            }
            if Fields.isNull(item) { continue }
            items.append((scalar.trimmedWhitespace, item))
        }
        return items
    }

    /// Ids of other documents, recorded as references of the given role.
    mutating func references(_ key: String, role: ReferenceRole, into references: inout [Reference], activity: ActivityLabel? = nil) -> [String] {
        var ids: [String] = []
        for (id, node) in textListWithNodes(key) {
            ids.append(id)
            references.append(Reference(id: id, role: role, location: locator.location(node), activity: activity))
        }
        return ids
    }

    mutating func object(_ key: String) -> Fields? {
        guard let (_, value) = raw(key) else { return nil }
        guard value.mapping != nil else {
            bag.error(ContentMessage.expectedMapping(qualified(key)), at: locator.location(value))
            return nil
        }
        return Fields(value, path: qualified(key), locator: locator, bag: bag)
    }

    mutating func objects(_ key: String) -> [Fields] {
        guard let (_, value) = raw(key) else { return [] }
        guard let sequence = value.sequence else {
            bag.error(ContentMessage.expectedList(qualified(key)), at: locator.location(value))
            return []
        }
        var result: [Fields] = []
        for item in sequence {
            guard item.mapping != nil else {
                bag.error(ContentMessage.expectedMapping("\(qualified(key))[]"), at: locator.location(item))
                continue
            }
            result.append(Fields(item, path: "\(qualified(key))[]", locator: locator, bag: bag))
        }
        return result
    }

    /// The raw pairs of a mapping field, for maps with data keys (`targets: {2025: 40}`).
    mutating func pairs(_ key: String) -> [(key: YAMLNode, value: YAMLNode)] {
        guard let (_, value) = raw(key) else { return [] }
        guard let mapping = value.mapping else {
            bag.error(ContentMessage.expectedMapping(qualified(key)), at: locator.location(value))
            return []
        }
        return mapping.map { ($0.key, $0.value) }
    }

    /// Reports every field nobody asked for, suggesting the closest known one.
    func reportUnknown(type: DocumentType) {
        guard entryAsked.contains(false) else { return }
        let known = Set(asked).sorted()
        for (entry, wasAsked) in zip(entries, entryAsked) where !wasAsked {
            let suggestion = Suggestion.closest(to: entry.key, in: known)
            bag.error(ContentMessage.unknownField(qualified(entry.key), type: type, suggestion: suggestion), at: locator.location(entry.keyNode))
        }
    }
}

import Foundation
