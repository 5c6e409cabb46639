import Foundation
import MetodCore
import Testing
@testable import MetodSite

/// serve's rebuilds: with a build cache, a change re-renders and rewrites only what it affects.
@Suite struct IncrementalTests {
    @Test func aOneFileChangeRendersOneBodyAndWritesOnlyChangedFiles() throws {
        let site = try TestSite(GraphPagesTests.files)
        defer { site.remove() }
        let cache = BuildCache()
        var builder = SiteBuilder(siteRoot: site.root)
        builder.cache = cache
        let first = builder.build()
        #expect(first.succeeded)
        #expect(first.renderedBodies == 6)
        let documentPages = 6

        // Nothing changed: nothing decoded, rendered or written.
        let again = builder.build()
        #expect(again.decodedFiles == 0)
        #expect(again.renderedBodies == 0)
        #expect(again.writtenFiles == 0)

        // One body changes: one body rendered, one page written.
        let path = "content/iom/iom-matematika.md"
        try site.write(path, try site.read(path) + "\nНовый абзац о наставничестве.\n")
        let edited = builder.build()
        #expect(edited.succeeded)
        #expect(edited.decodedFiles == 1)
        #expect(edited.renderedBodies == 1)
        #expect(edited.renderedPages < first.renderedPages - documentPages + 2)
        #expect(edited.rewritten.filter { !$0.value.hasPrefix("search/") } == [SitePath("iom/iom-matematika.html")], "only the page and its search entries change")
        #expect(edited.writtenFiles < 12)
        #expect(try site.read("site/iom/iom-matematika.html").contains("Новый абзац о наставничестве."))

        // A change that keeps the page's length, far from its start, is written too.
        try site.write(path, try site.read(path).replacingOccurrences(of: "Новый абзац о наставничестве.", with: "Новый абзац о наставничестве!"))
        let sameLength = builder.build()
        #expect(sameLength.rewritten.contains(SitePath("iom/iom-matematika.html")))
        #expect(try site.read("site/iom/iom-matematika.html").contains("Новый абзац о наставничестве!"))

        // A title change reaches every page that shows it, and only those are rewritten.
        let regulation = "content/regulations/polozhenie-o-nastavnichestve.md"
        try site.write(regulation, try site.read(regulation).replacingOccurrences(of: "title: Положение о наставничестве", with: "title: Положение о наставничестве (новая редакция)"))
        let renamed = builder.build()
        #expect(renamed.succeeded)
        #expect(renamed.renderedBodies == 1, "only the practice whose wiki link shows the title; the regulation's own body is unchanged")
        #expect(try site.read("site/practices/formiruyushchee-otsenivanie.html").contains("Положение о наставничестве (новая редакция)</a>"))
        #expect(try site.read("site/roadmaps/karta.html").contains("Положение о наставничестве (новая редакция)"))
        #expect(renamed.writtenFiles < renamed.fileCount / 2)

        // The cached build's output is byte for byte a fresh build's.
        let fresh = temporaryFolder("fresh")
        defer { try? FileManager.default.removeItem(atPath: fresh.value) }
        #expect(SiteBuilder(siteRoot: site.root, output: fresh).build().succeeded)
        var live = snapshot(of: site.output)
        live[OutputFolder.marker] = nil
        var clean = snapshot(of: fresh)
        clean[OutputFolder.marker] = nil
        #expect(live == clean)
    }

    @Test func anAttachmentAddedLaterIsFoundWithoutEditingTheDocument() throws {
        var files = GraphPagesTests.files
        let path = "content/iom/iom-matematika.md"
        files[path] = files[path]!.replacingOccurrences(of: "title: ИОМ учителя математики\n", with: "title: ИОМ учителя математики\nattachments: [plan.pdf]\n")
        let site = try TestSite(files)
        defer { site.remove() }
        var builder = SiteBuilder(siteRoot: site.root)
        builder.cache = BuildCache()
        #expect(builder.build().errors.count == 1, "the attachment is missing")
        try site.write("content/iom/plan.pdf", Data("%PDF-1.4".utf8))
        let fixed = builder.build()
        #expect(fixed.succeeded)
        #expect(try site.read("site/iom/iom-matematika.html").contains("plan.pdf"))
    }

    @Test func aDeletedDocumentDisappearsFromTheLiveSite() throws {
        let site = try TestSite(GraphPagesTests.files)
        defer { site.remove() }
        var builder = SiteBuilder(siteRoot: site.root)
        builder.cache = BuildCache()
        #expect(builder.build().succeeded)
        try FileManager.default.removeItem(atPath: site.root.appending("content/iom/iom-matematika.md").value)
        #expect(builder.build().succeeded)
        #expect(!FileManager.default.fileExists(atPath: site.root.appending("site/iom/iom-matematika.html").value))
    }
}
