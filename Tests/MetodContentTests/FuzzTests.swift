import Foundation
import MetodCore
import MetodMarkdown
import Testing
@testable import MetodContent

/// SplitMix64: a small seeded generator, so a failing input can be replayed from its seed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Mutates real documents of the sample bank byte by byte and line by line, and feeds them to
/// the front-matter splitter, the typed YAML decoding and the Markdown link resolver.
/// `METODBANK_FUZZ_SEED` and `METODBANK_FUZZ_COUNT` replay or extend a run.
@Suite struct FuzzTests {
    static let seed = UInt64(ProcessInfo.processInfo.environment["METODBANK_FUZZ_SEED"] ?? "") ?? 20261123
    static let count = Int(ProcessInfo.processInfo.environment["METODBANK_FUZZ_COUNT"] ?? "") ?? 6000

    static let corpus: [String] = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let content = root.appendingPathComponent("content")
        let files = (FileManager.default.enumerator(atPath: content.path)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".md") }.sorted()
        return files.compactMap { try? String(contentsOf: content.appendingPathComponent($0), encoding: .utf8) }
    }()

    static let fragments = [
        "---", "---\n", ":", ": ", "- ", "[", "]", "{", "}", "\"", "'", "\t", "\r\n", "\u{0}", "\u{FEFF}", "#", "&", "*a", "!!str",
        "[[", "]]", "|", "](../", ".md", "#frag", "\n\n", "«", "—", "ё", "𝔘", "\u{202E}", "<script>", "javascript:", "%2e%2e/",
        "title: ", "deficits: [", "targets: {2025: ", "stages:\n  - title: x\n    activities:\n      - n: ", "2024-02-30", "```", "~~~",
    ]

    static func mutate(_ text: String, using rng: inout SeededGenerator) -> String {
        var bytes = Array(text.utf8)
        for _ in 0..<Int.random(in: 1...6, using: &rng) {
            guard !bytes.isEmpty else { bytes = Array("---\n".utf8); continue }
            let at = Int.random(in: 0..<bytes.count, using: &rng)
            switch Int.random(in: 0..<7, using: &rng) {
            case 0: bytes[at] = UInt8.random(in: 0...255, using: &rng)
            case 1: bytes.insert(contentsOf: Array(fragments.randomElement(using: &rng)!.utf8), at: at)
            case 2: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...40, using: &rng)))
            case 3: bytes = Array(bytes.prefix(at))
            case 4:
                let end = min(bytes.count, at + Int.random(in: 1...200, using: &rng))
                bytes.insert(contentsOf: bytes[at..<end], at: end)
            case 5: bytes.insert(contentsOf: Array(String(repeating: " ", count: Int.random(in: 1...8, using: &rng)).utf8), at: at)
            default: bytes.insert(10, at: at)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func mutatedDocumentsNeverCrashTheLoader() throws {
        print("fuzz: seed \(Self.seed), \(Self.count) inputs (replay: METODBANK_FUZZ_SEED=\(Self.seed) METODBANK_FUZZ_COUNT=\(Self.count) swift test --filter FuzzTests)")
        #expect(Self.corpus.count >= 60)
        var rng = SeededGenerator(state: Self.seed)
        let root = FilePath(FileManager.default.temporaryDirectory.path)
        var decoded = 0, rejected = 0
        for n in 0..<Self.count {
            let input = Self.mutate(Self.corpus[n % Self.corpus.count], using: &rng)
            let folder = DocumentType.allCases.randomElement(using: &rng)!.folder
            let bag = DiagnosticBag()
            let document = DocumentDecoder(siteRoot: root, source: ContentPath("content/\(folder)/fuzz-\(n).md")).decode(input, bag: bag)
            if document != nil { decoded += 1 } else { rejected += 1 }
            // Every problem is reported at a real place in the file.
            for diagnostic in bag.items {
                #expect((diagnostic.location?.line ?? 1) >= 1 && (diagnostic.location?.column ?? 1) >= 1, "seed \(Self.seed) input \(n)")
            }
            let body = document?.body ?? input
            let rendered = MarkdownRenderer.render(body, lineOffset: 3) { link in
                link.target.count % 2 == 0 ? .resolved(url: "../x/\(link.line).html", title: "T") : .broken
            }
            for link in rendered.links {
                #expect(link.line >= 1 && link.column >= 1, "seed \(Self.seed) input \(n)")
            }
            #expect(!rendered.html.contains("<script"), "seed \(Self.seed) input \(n)")
        }
        print("fuzz: \(decoded) decoded, \(rejected) rejected with diagnostics")
        #expect(decoded > 0 && rejected > 0)
    }
}
