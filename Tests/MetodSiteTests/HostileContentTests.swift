import Foundation
import MetodCore
import Testing
@testable import MetodSite

/// Script, frames, event handlers and dangerous URLs put into every field a methodologist can
/// write must come out inert in every file of the site.
@Suite struct HostileContentTests {
    static let payload = #"<script>alert('X')</script><iframe src=javascript:alert('X')></iframe><img src=x onerror=alert('X')>\" onmouseover=\"alert('X')"#

    static func yaml(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    static var files: [String: String] {
        let p = yaml(payload)
        return [
            "content/deficits/d.md": "---\ntitle: \(p)\nsummary: \(p)\ntags: [\(p)]\ngroup: методические\ndiagnostics: \(p)\n---\n\(body)",
            "content/indicators/i.md": "---\ntitle: \(p)\nunit: \"%\"\nkind: \(p)\ncalculation: \(p)\nbase: {year: 2023, value: 1}\ntargets: {2024: 2}\n---\n\(body)",
            "content/regulations/r.md": "---\ntitle: \(p)\nstatus: действует\napproved: {by: \(p), order: \(p), date: 2024-01-01}\n---\n## \(payload)\n\n\(body)",
            "content/practices/p.md": "---\ntitle: \(p)\nsummary: \(p)\nauthors: [\(p)]\norganization: \(p)\nlevel: [ООО]\nsubjects: [\(p)]\nformat: \(p)\ndeficits: [d]\nindicators: [i]\n---\n\(body)",
            "content/mentoring/m.md": "---\ntitle: \(p)\nform: школа–школе\nduration: \(p)\nroles: [{role: \(p), description: \(p)}]\nplan: [{stage: \(p), activity: \(p), due: \(p), result: \(p)}]\ndeficits: [d]\nindicators: [i]\n---\n\(body)",
            "content/iom/o.md": "---\ntitle: \(p)\nteacher: {position: \(p), experience: \(p), category: \(p)}\ndeficits: [d]\ngoal: \(p)\ntasks: [\(p)]\nplan: [{direction: \(p), activity: \(p), due: \(p), reporting: \(p), result: \(p)}]\nexpected_results: [\(p)]\nindicators: [i]\n---\n\(body)",
            "content/roadmaps/k.md": "---\ntitle: \(p)\nperiod: {from: 2024, to: 2030}\nlevel: школа\norganization: \(p)\nstages: [{title: \(p), activities: [{n: \(p), title: \(p), due: \(p), responsible: \(p), result: \(p), report: \(p), regulation: r, indicators: [i]}]}]\n---\n\(body)",
            "content/handouts/h.md": "---\ntitle: \(p)\ndocuments: [p, m]\n---\n\(body)",
        ]
    }

    static let body = """
    \(payload)

    <script>alert('X')</script>
    <iframe src="https://evil.example/"></iframe>
    <div onclick="alert('X')">div</div>

    [ссылка](javascript:alert('X')) [данные](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)
    [заглавными](JAVASCRIPT:alert('X')) [с пробелом]( javascript:alert('X')) [vb](vbscript:msgbox)
    ![картинка](javascript:alert('X')) <javascript:alert('X')>
    [[p|<script>alert('X')</script>]]

    | <script>alert('X')</script> | <img src=x onerror=alert('X')> |
    |---|---|
    | `<script>` | [x](javascript:alert('X')) |
    """

    @Test func nothingExecutableReachesAnyOutputFile() throws {
        let config = "title: \(Self.yaml(Self.payload))\nbase_url: https://bank.example.ru/\n"
        let site = try TestSite(Self.files, config: config)
        defer { site.remove() }
        let report = site.build()
        #expect(report.succeeded, "\(report.errors.map(\.description))")
        let files = snapshot(of: site.output)
        #expect(files.count > 20)
        var problems: [String] = []
        for (path, data) in files {
            let text = String(decoding: data, as: UTF8.self)
            if path.hasSuffix(".html") || path.hasSuffix(".xml") || path.hasSuffix(".svg") {
                problems += Self.executableMarkup(in: text).map { "\(path): \($0)" }
            } else if !path.hasPrefix("assets/") {
                // Generated data (the search index): user text never appears as markup in it.
                for marker in ["<script", "</script", "<iframe", "<img"] where text.localizedCaseInsensitiveContains(marker) {
                    problems.append("\(path): raw \(marker)")
                }
            }
        }
        #expect(files.keys.contains { $0.hasPrefix("search/") }, "the search index is scanned too")
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        // The payload is shown as text.
        #expect(try site.read("site/practices/p.html").contains("&lt;script&gt;alert(&#39;X&#39;)&lt;/script&gt;"))
    }

    /// Real tags of a page (escaped text never forms one) that could run code.
    static func executableMarkup(in text: String) -> [String] {
        var problems: [String] = []
        let chars = Array(text.unicodeScalars)
        var i = 0
        while i < chars.count {
            guard chars[i] == "<", i + 1 < chars.count, chars[i + 1].properties.isAlphabetic else { i += 1; continue }
            var j = i + 1
            var name = ""
            while j < chars.count, chars[j].properties.isAlphabetic || ("0"..."9").contains(chars[j]) || chars[j] == ":" { name.unicodeScalars.append(chars[j]); j += 1 }
            name = name.lowercased()
            var attributes: [(String, String)] = []
            while j < chars.count, chars[j] != ">" {
                if chars[j] == " " || chars[j] == "\n" || chars[j] == "/" { j += 1; continue }
                var attribute = ""
                while j < chars.count, !" =>\n".unicodeScalars.contains(chars[j]) { attribute.unicodeScalars.append(chars[j]); j += 1 }
                var value = ""
                if j < chars.count, chars[j] == "=" {
                    j += 1
                    if j < chars.count, chars[j] == "\"" || chars[j] == "'" {
                        let quote = chars[j]; j += 1
                        while j < chars.count, chars[j] != quote { value.unicodeScalars.append(chars[j]); j += 1 }
                        j += 1
                    } else {
                        while j < chars.count, chars[j] != " ", chars[j] != ">" { value.unicodeScalars.append(chars[j]); j += 1 }
                    }
                }
                if !attribute.isEmpty { attributes.append((attribute.lowercased(), value)) }
            }
            let tag = String(String.UnicodeScalarView(chars[i..<min(j + 1, chars.count)]))
            if ["iframe", "frame", "object", "embed", "applet", "base"].contains(name) { problems.append("<\(name)>: \(tag.prefix(80))") }
            if name == "script" {
                let rest = String(String.UnicodeScalarView(chars[min(j + 1, chars.count)...].prefix(120)))
                let ours = attributes.contains { $0.0 == "src" && $0.1.hasSuffix(".js") && !$0.1.contains(":") }
                    || rest.range(of: #"^location\.replace\("[a-z0-9./#-]*" \+ location\.search"#, options: .regularExpression) != nil
                if !ours { problems.append("script: \(tag.prefix(80)) \(rest.prefix(40))") }
            }
            for (attribute, value) in attributes {
                let decoded = value.replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&#39;", with: "'")
                    .replacingOccurrences(of: "&quot;", with: "\"").trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
                if attribute.hasPrefix("on") { problems.append("event handler \(attribute) in \(tag.prefix(80))") }
                if ["href", "src", "action", "formaction", "xlink:href", "data", "srcdoc"].contains(attribute),
                   ["javascript:", "vbscript:", "data:"].contains(where: { decoded.hasPrefix($0) }) {
                    problems.append("\(attribute)=\(value.prefix(40)) in <\(name)>")
                }
            }
            i = j + 1
        }
        return problems
    }

    @Test func theScannerFindsWhatItLooksFor() {
        #expect(Self.executableMarkup(in: "<p onclick=\"x()\">").count == 1)
        #expect(Self.executableMarkup(in: "<a href=\" JavaScript:x()\">").count == 1)
        #expect(Self.executableMarkup(in: "<script>alert(1)</script>").count == 1)
        #expect(Self.executableMarkup(in: "<iframe src=x></iframe>").count == 1)
        #expect(Self.executableMarkup(in: "<img src=\"data:image/png;base64,AAAA\">").count == 1)
        #expect(Self.executableMarkup(in: "&lt;script&gt;alert(1)&lt;/script&gt; <p title=\"&lt;img onerror=x&gt;\">").isEmpty)
    }
}
