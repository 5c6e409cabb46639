import Foundation
import MetodCore
import Testing
@testable import MetodSite

/// Whole banks kept under Fixtures/, with their expected output recorded beside them.
/// Re-record with `METODBANK_RECORD=1 swift test` after a deliberate change of wording.
@Suite struct FixtureSiteTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    @Test func invalidBankReportsEveryProblemExactlyAsRecorded() throws {
        let root = FilePath(Self.fixtures.appendingPathComponent("invalid-bank").path)
        let report = SiteBuilder(siteRoot: root).check()
        let actual = report.diagnostics.map(\.description).joined(separator: "\n") + "\n"
        let golden = Self.fixtures.appendingPathComponent("invalid-bank.expected.txt")
        if ProcessInfo.processInfo.environment["METODBANK_RECORD"] != nil {
            try actual.write(to: golden, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(actual == expected)
        #expect(!report.succeeded)
    }
}
