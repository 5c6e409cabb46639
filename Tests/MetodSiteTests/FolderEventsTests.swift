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

        // A folder moved out of the sources is no longer watched.
        try fm.moveItem(atPath: site.root.appending("content/practices/2025").value, toPath: site.root.appending("arkhiv-2025").value)
        #expect(events.drain())
        try site.write("arkhiv-2025/zametka.md", "Черновик.\n")
        #expect(!events.drain())
    }

    /// Links to folders inside the sources are not followed, as the build does not follow them:
    /// a link back up does not make watching endless.
    @Test func linksToFoldersAreNotFollowed() throws {
        let site = try TestSite(GraphPagesTests.files)
        defer { site.remove() }
        try FileManager.default.createSymbolicLink(atPath: site.root.appending("content/practices/vverkh").value, withDestinationPath: "..")
        // And a folder outside the sources, linked into them, is not watched: the build does not
        // read it either.
        try site.write("chernoviki/zametka.md", "Черновик.\n")
        try FileManager.default.createSymbolicLink(atPath: site.root.appending("content/iom/chernoviki").value, withDestinationPath: "../../chernoviki")
        let events = try #require(FolderEvents(siteRoot: site.root.value))
        #expect(events.watchedFolders < 20)
        try site.write("chernoviki/zametka.md", "Черновик, вторая версия.\n")
        #expect(!events.drain())
        try site.write("content/iom/iom-matematika.md", "---\ntitle: ИОМ\n---\n")
        #expect(events.drain())
    }
}
