import Foundation
import MetodCore
import Testing

/// Runs the built `metodbank` under a pseudo-terminal (util-linux `script`), as a user would.
func runOnTerminal(_ arguments: [String]) throws -> String {
    let binary = repositoryRoot.appending(".build/debug/metodbank").value
    let command = ([binary] + arguments).map { "'\($0)'" }.joined(separator: " ")
    return try runTool("/usr/bin/script", ["-qec", command, "/dev/null"])
}

@Suite struct ProgressTests {
    @Test func aTerminalSeesOneProgressLineAndASummary() throws {
        let site = try TestSite(GraphPagesTests.files)
        defer { site.remove() }
        let output = try runOnTerminal(["build", "--source", site.root.value])
        #expect(output.contains("\r\u{1B}[K  чтение документов — "))
        #expect(output.contains("\r\u{1B}[K  страницы — "))
        let summary = try #require(output.components(separatedBy: "\n").first { $0.contains("Готово:") })
        #expect(summary.contains("Готово: 6 документов, "))
        #expect(summary.contains("предупреждений: "))
        #expect(summary.contains(" с → \(site.root.value)/site/index.html"))
    }

    @Test func quietIsSilentWhenAllIsWell() throws {
        let site = try TestSite(GraphPagesTests.files)
        defer { site.remove() }
        let output = try runOnTerminal(["build", "--source", site.root.value, "--quiet", "--format", "json"])
        #expect(output.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("{\"errors\":0"))
        let text = try runOnTerminal(["check", "--source", repositoryRoot.value, "--quiet", "--today", "2016-01-01"])
        #expect(text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(text)")
    }
}
