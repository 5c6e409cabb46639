import Foundation
import MetodContent
import MetodCore

/// What one process (`serve`) keeps between builds so a rebuild does only what changed:
/// decoded documents, rendered bodies, rendered pages with the fingerprint of their template context, and the
/// bytes last written to the output folder.
public final class BuildCache: @unchecked Sendable {
    let documents = DecodeCache()
    let bodies = RenderCache()
    let qrCodes = QRCache()
    private let lock = NSLock()
    private var themeFingerprint: Int?
    private var pages: [SitePath: (fingerprint: Int, data: Data)] = [:]
    /// Hash of the bytes of every file last written, and where.
    var written: [SitePath: Int] = [:]
    var output: FilePath?

    public init() {}

    /// Forgets rendered pages when the theme changed.
    func useTheme(_ fingerprint: Int) {
        lock.lock(); defer { lock.unlock() }
        if themeFingerprint != fingerprint { pages = [:]; themeFingerprint = fingerprint }
    }

    func page(_ path: SitePath, fingerprint: Int) -> Data? {
        lock.lock(); defer { lock.unlock() }
        guard let entry = pages[path], entry.fingerprint == fingerprint else { return nil }
        return entry.data
    }

    func store(_ data: Data, for path: SitePath, fingerprint: Int) {
        lock.lock(); defer { lock.unlock() }
        pages[path] = (fingerprint, data)
    }
}

/// A hash of a template context that does not depend on dictionary order.
enum ContextFingerprint {
    static func of(_ value: Any) -> Int {
        var hasher = Hasher()
        add(value, to: &hasher)
        return hasher.finalize()
    }

    static func add(_ value: Any, to hasher: inout Hasher) {
        switch value {
        case let text as String: hasher.combine(0); hasher.combine(text)
        case let flag as Bool: hasher.combine(1); hasher.combine(flag)
        case let number as Int: hasher.combine(2); hasher.combine(number)
        case let number as Double: hasher.combine(3); hasher.combine(number)
        case let dictionary as [String: Any]:
            hasher.combine(4)
            for key in dictionary.keys.sorted() {
                hasher.combine(key)
                add(dictionary[key]!, to: &hasher)
            }
        case let list as [Any]:
            hasher.combine(5); hasher.combine(list.count)
            for item in list { add(item, to: &hasher) }
        default:
            hasher.combine(6); hasher.combine(String(describing: value))
        }
    }
}

extension Theme {
    /// Changes whenever any template or asset changes.
    var fingerprint: Int {
        var hasher = Hasher()
        for key in templateSources.keys.sorted() { hasher.combine(key); hasher.combine(templateSources[key]!) }
        for key in assets.keys.sorted() { hasher.combine(key); hasher.combine(assets[key]!) }
        return hasher.finalize()
    }
}
