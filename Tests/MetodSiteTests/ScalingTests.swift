import Foundation
import MetodCore
import Testing
@testable import MetodSite

/// No step may grow faster than the bank: a bank four times larger must cost about four times
/// the work. The work is counted (files decoded, bodies and pages rendered, files and bytes
/// written, references followed), never timed.
@Suite struct ScalingTests {
    /// A synthetic bank: a tenth deficits, a twentieth indicators, the rest practices that address
    /// two deficits, target an indicator and link two other practices in the text.
    static func bank(practices: Int) -> [String: String] {
        let deficits = max(1, practices / 10), indicators = max(1, practices / 20)
        var files: [String: String] = [:]
        for d in 0..<deficits {
            files["content/deficits/d\(d).md"] = "---\ntitle: Дефицит номер \(d)\ngroup: предметные\n---\n\nОписание дефицита \(d).\n"
        }
        for i in 0..<indicators {
            files["content/indicators/i\(i).md"] = "---\ntitle: Показатель номер \(i)\nunit: \"%\"\nbase: {year: 2023, value: 10}\ntargets: {2024: 20, 2025: 30}\n---\n"
        }
        for p in 0..<practices {
            files["content/practices/p\(p).md"] = """
                ---
                title: Практика номер \(p)
                summary: Краткое описание практики \(p) для карточки.
                date: 2024-01-\(String(format: "%02d", p % 28 + 1))
                tags: [наставничество, тег\(p % 7)]
                deficits: [d\(p % deficits), d\((p * 7 + 3) % deficits)]
                indicators: [i\(p % indicators)]
                ---

                ## Суть практики

                Практика опирается на [[p\((p + 1) % practices)]] и [[p\((p * 31 + 5) % practices)|соседний опыт]].
                Учителя планируют уроки вместе и разбирают результаты диагностики.

                | Этап | Срок |
                |---|---|
                | Подготовка | сентябрь |
                | Проведение | октябрь |
                """
        }
        return files
    }

    static func counters(practices: Int) throws -> [String: Double] {
        let site = try TestSite(bank(practices: practices))
        defer { site.remove() }
        let report = site.build()
        #expect(report.succeeded, "\(report.errors.prefix(3))")
        return [
            "decoded files": Double(report.decodedFiles),
            "rendered bodies": Double(report.renderedBodies),
            "rendered pages": Double(report.renderedPages),
            "written files": Double(report.writtenFiles),
            "site bytes": Double(report.siteBytes),
        ]
    }

    @Test func fourTimesTheBankCostsAboutFourTimesTheWork() throws {
        let small = try Self.counters(practices: 1_000)
        let large = try Self.counters(practices: 4_000)
        for (name, value) in small.sorted(by: { $0.key < $1.key }) {
            let ratio = large[name]! / value
            #expect((3.5...4.5).contains(ratio), "\(name): \(Int(value)) → \(Int(large[name]!)), ×\(String(format: "%.2f", ratio))")
        }
    }
}
