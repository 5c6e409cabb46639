import Mustache

/// A template context: the values of one page, or of one item of a list, by name. Missing
/// values are stored (`Text.absent`, or `false` for a list), never left out: Mustache looks a
/// missing name up in the enclosing contexts, so a list item without a summary would show the
/// page's summary.
///
/// Not a `[String: Any]`, for speed: swift-mustache tries several protocol casts (about 100 ns
/// each) on every context it searches and every value it prints, and a dictionary hashes the
/// name besides. A context is a short list searched in order, and its text is `Text`, which
/// Mustache prints without `String(describing:)` and searches without reflection. The pages
/// are the same; a document page renders about a quarter faster.
struct Context: ExpressibleByDictionaryLiteral {
    private var names: [String] = []
    private var values: [Any] = []

    init(dictionaryLiteral elements: (String, Any)...) {
        names.reserveCapacity(elements.count)
        values.reserveCapacity(elements.count)
        for (name, value) in elements {
            assert(!names.contains(name), "«\(name)» twice in one context")
            names.append(name)
            values.append(Self.stored(value))
        }
    }

    subscript(name: String) -> Any? {
        get { names.firstIndex(of: name).map { values[$0] } }
        set {
            let index = names.firstIndex(of: name)
            switch (newValue, index) {
            case let (value?, index?): values[index] = Self.stored(value)
            case let (value?, nil):
                names.append(name)
                values.append(Self.stored(value))
            case let (nil, index?):
                names.remove(at: index)
                values.remove(at: index)
            case (nil, nil): break
            }
        }
    }

    /// A context of these names and values, already in the form they are stored in (`Text`
    /// for text): for items made by the thousand, such as links.
    init(names: [String], storedValues: [Any]) {
        precondition(names.count == storedValues.count)
        self.names = names
        values = storedValues
    }

    /// Sets `value`, or `Text.absent` when it is absent or empty: `{{#name}}` hides and
    /// `{{name}}` prints nothing, so a template writes `{{due}}`, not `{{#due}}{{due}}{{/due}}`.
    mutating func put(_ name: String, _ value: String?) {
        self[name] = Self.text(value)
    }

    /// `value` as `put` stores it.
    static func text(_ value: String?) -> Text {
        if let value, !value.isEmpty { Text(value) } else { Text.absent }
    }

    mutating func put(_ name: String, _ list: [Any]) {
        self[name] = list.isEmpty ? false : list
    }

    /// The same context with plain strings instead of `Text`, for themes that name a partial by
    /// a value (`{{>*name}}`): swift-mustache takes such a name only from a `String`. A missing
    /// value stays `Text.absent`, so it still prints nothing.
    func withPlainStrings() -> Context {
        var copy = self
        copy.values = values.map(Self.plain)
        return copy
    }

    private static func plain(_ value: Any) -> Any {
        switch value {
        case let text as Text: text.isNull ? text : text.text
        case let context as Context: context.withPlainStrings()
        case let list as [Any]: list.map(plain)
        default: value
        }
    }

    /// The same context with only the values named in `names` (those it has), in that order.
    func picking(_ names: [String]) -> Context {
        var picked: Context = [:]
        for name in names {
            if let index = self.names.firstIndex(of: name) {
                picked.names.append(name)
                picked.values.append(values[index])
            }
        }
        return picked
    }

    private static func stored(_ value: Any) -> Any {
        if let text = value as? String { return Text(text) }
        return value
    }
}

extension MustacheLibrary {
    /// `context` rendered by `template`, with plain strings when the theme names partials by
    /// values (`Context.withPlainStrings`); empty when the template is missing.
    func render(_ context: Context, template: String, plainStrings: Bool) -> String {
        render(plainStrings ? context.withPlainStrings() : context, withTemplate: template) ?? ""
    }
}

extension Context: MustacheParent {
    func child(named name: String) -> Any? { self[name] }
}

extension Context: MustacheTransformable {
    /// What Mustache offers on a dictionary (`count()`, `empty()`, `enumerated()`, `sorted()`).
    func transform(_ name: String) -> Any? {
        Dictionary(uniqueKeysWithValues: zip(names, values)).transform(name)
    }
}

/// A text value of a context, printed as Mustache prints a string (escaped unless in `{{{…}}}`)
/// and with a string's transforms (`uppercased()`…).
struct Text: MustacheCustomRenderable, MustacheParent, MustacheTransformable {
    let text: String
    /// A missing value: false in a section, nothing when printed, no transforms.
    let isNull: Bool

    init(_ text: String) {
        self.text = text
        isNull = false
    }

    private init(absent: Void) {
        text = ""
        isNull = true
    }

    static let absent = Text(absent: ())

    var renderText: String { text }
    /// A text has no named parts: inside `{{#summary}}…{{/summary}}` names are looked up further out.
    func child(named name: String) -> Any? { nil }
    func transform(_ name: String) -> Any? { isNull ? nil : text.transform(name) }
}
