import Foundation
import Testing
@testable import MetodServe

/// serve's change notices: anything saved under `content/` and `themes/` (in folders made after
/// the start too) or to `metodbank.yml`, and nothing written into the site itself.
@Suite struct FolderEventsTests {
    @Test func aChangeAnywhereInTheSourcesIsNoticed() throws {
        let site = try TestSite(GraphPagesTests.files)
        defer { site.remove() }
        let fm = FileManager.default
        try fm.createDirectory(atPath: site.output.value, withIntermediateDirectories: true)
        let events = try #require(FolderEvents(siteRoot: site.root.value))
        #expect(!events.drain(), "nothing happened yet")

        try site.write("content/iom/iom-matematika.md", try site.read("content/iom/iom-matematika.md") + "\nАбзац.\n")
        #expect(events.drain())
        #expect(!events.drain(), "each notice is given once")

        // A folder made after the start, then a file in it.
        try fm.createDirectory(atPath: site.root.appending("content/practices/2025").value, withIntermediateDirectories: false)
        #expect(events.drain())
        try site.write("content/practices/2025/novaya.md", "---\ntitle: Новая\n---\n")
        #expect(events.drain())

        // A file removed, the settings, a theme made later and a file in it.
        try fm.removeItem(atPath: site.root.appending("content/practices/2025/novaya.md").value)
        #expect(events.drain())
        try site.write("metodbank.yml", "title: Банк\n")
        #expect(events.drain())
        try fm.createDirectory(atPath: site.root.appending("themes/moya").value, withIntermediateDirectories: true)
        #expect(events.drain())
        try fm.createDirectory(atPath: site.root.appending("themes/moya/templates").value, withIntermediateDirectories: false)
        #expect(events.drain())
        try site.write("themes/moya/templates/base.mustache", "{{title}}")
        #expect(events.drain())

        // The site's own files are not sources.
        try Data("<p>".utf8).write(to: site.output.appending("index.html").url)
        #expect(!events.drain())
    }
}
