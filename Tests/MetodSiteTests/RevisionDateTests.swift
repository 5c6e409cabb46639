import Foundation
import MetodCore
import Testing
@testable import MetodSite

@Suite struct RevisionDateTests {
    static let files: [String: String] = TestSite.basics.merging([
        "content/practices/a.md": "---\ntitle: Практика А\ndate: 2024-01-10\ndeficits: [otsenivanie-rezultatov]\n---\nТекст.\n",
    ]) { new, _ in new }

    /// Makes the site a git repository with everything in one commit.
    private func commitEverything(_ site: TestSite, _ message: String, date: String) throws {
        try git(site, ["init", "-q"])
        try git(site, ["add", "."])
        try git(site, ["commit", "-q", "-m", message], date: date)
    }

    func git(_ site: TestSite, _ arguments: [String], date: String? = nil) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", site.root.value] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_AUTHOR_NAME"] = "Методист"
        environment["GIT_AUTHOR_EMAIL"] = "metodist@example.invalid"
        environment["GIT_COMMITTER_NAME"] = "Методист"
        environment["GIT_COMMITTER_EMAIL"] = "metodist@example.invalid"
        if let date {
            environment["GIT_AUTHOR_DATE"] = "\(date)T12:00:00+03:00"
            environment["GIT_COMMITTER_DATE"] = "\(date)T12:00:00+03:00"
        }
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "git \(arguments)")
    }

    @Test func withoutUpdatedTheLastCommitDateIsShown() throws {
        let site = try TestSite(Self.files)
        defer { site.remove() }
        try commitEverything(site, "Первая версия", date: "2024-03-05")
        try site.write("content/practices/a.md", "---\ntitle: Практика А\ndate: 2024-01-10\ndeficits: [otsenivanie-rezultatov]\n---\nНовый текст.\n")
        try git(site, ["commit", "-q", "-am", "Правка"], date: "2024-04-01")
        #expect(site.build().succeeded)
        let page = try site.read("site/practices/a.html")
        #expect(page.contains("Обновлено: <time datetime=\"2024-04-01\">1 апреля 2024 г.</time>"))
        // Files the last commit did not touch keep their own commit's date.
        #expect(try site.read("site/regulations/polozhenie-o-nastavnichestve.html").contains("Обновлено: <time datetime=\"2024-03-05\">"))
        #expect(try site.read("site/feed.xml").contains("<updated>2024-04-01T00:00:00Z</updated>"))
        let whatsNew = try site.read("site/whats-new.html")
        #expect(whatsNew.contains("<h2>1 апреля 2024 г.</h2>"))
        #expect(whatsNew.range(of: "Практика А")!.lowerBound < whatsNew.range(of: "Положение о наставничестве")!.lowerBound)
    }

    /// serve reads the history again only when `HEAD` moves: a commit made while it runs shows
    /// at the next rebuild.
    @Test func aCommitMadeWhileServeRunsReachesTheNextRebuild() throws {
        let site = try TestSite(Self.files)
        defer { site.remove() }
        try commitEverything(site, "Первая версия", date: "2024-03-05")
        let builder = site.serveBuilder()
        #expect(builder.build().succeeded)
        #expect(try site.read("site/practices/a.html").contains("Обновлено: <time datetime=\"2024-03-05\">"))

        // Edited, not yet committed: still the last commit's date.
        try site.write("content/practices/a.md", "---\ntitle: Практика А\ndate: 2024-01-10\ndeficits: [otsenivanie-rezultatov]\n---\nНовый текст.\n")
        #expect(builder.build().succeeded)
        #expect(try site.read("site/practices/a.html").contains("Обновлено: <time datetime=\"2024-03-05\">"))

        try git(site, ["commit", "-q", "-am", "Правка"], date: "2024-04-01")
        #expect(builder.build().succeeded)
        #expect(try site.read("site/practices/a.html").contains("Обновлено: <time datetime=\"2024-04-01\">"))
        #expect(try site.read("site/regulations/polozhenie-o-nastavnichestve.html").contains("Обновлено: <time datetime=\"2024-03-05\">"))
        // The file's bytes did not change, its date did: every page showing the date has it
        // (the list, the deficit it addresses, the latest revisions), as in a fresh build.
        site.expectAFreshBuild("after the commit")
    }

    /// A commit changes a document's date but not its bytes: a theme that shows the date beside
    /// every link to it (here on the deficit's page) gets the new date at serve's next rebuild.
    @Test func aCommitReachesThePagesThatShowTheDateOfALink() throws {
        var files = Self.files
        let template = try String(contentsOfFile: repositoryRoot.appending("themes/default/templates/document.mustache").value, encoding: .utf8)
        let link = "<li><a href=\"{{url}}\">{{title}}</a>{{#summary}}"
        #expect(template.contains(link))
        files["themes/default/templates/document.mustache"] = template.replacingOccurrences(of: link, with: "<li><a href=\"{{url}}\">{{title}}</a> <time class=\"link-date\">{{date}}</time>{{#summary}}")
        let site = try TestSite(files)
        defer { site.remove() }
        try commitEverything(site, "Первая версия", date: "2024-03-05")
        let builder = site.serveBuilder()
        #expect(builder.build().succeeded)
        let deficit = "site/deficits/otsenivanie-rezultatov.html"
        #expect(try site.read(deficit).contains("<time class=\"link-date\">5 марта 2024 г.</time>"))

        try site.write("content/practices/a.md", "---\ntitle: Практика А\ndate: 2024-01-10\ndeficits: [otsenivanie-rezultatov]\n---\nНовый текст.\n")
        #expect(builder.build().succeeded)
        try git(site, ["commit", "-q", "-am", "Правка"], date: "2024-04-01")
        #expect(builder.build().succeeded)
        #expect(try site.read(deficit).contains("<time class=\"link-date\">1 апреля 2024 г.</time>"))
        site.expectAFreshBuild("after the commit")
    }

    @Test func anExplicitUpdatedWins() throws {
        var files = Self.files
        files["content/practices/a.md"] = "---\ntitle: Практика А\ndate: 2024-01-10\nupdated: 2024-02-02\n---\n"
        let site = try TestSite(files)
        defer { site.remove() }
        try commitEverything(site, "Версия", date: "2024-05-05")
        #expect(site.build().succeeded)
        #expect(try site.read("site/practices/a.html").contains("Обновлено: <time datetime=\"2024-02-02\">"))
    }

    @Test func outsideGitTheFilesOwnDateIsUsed() throws {
        let site = try TestSite(Self.files)
        defer { site.remove() }
        var components = DateComponents()
        (components.year, components.month, components.day, components.hour) = (2024, 2, 20, 12)
        let date = Calendar.current.date(from: components)!
        try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: site.root.appending("content/practices/a.md").value)
        #expect(site.build().succeeded)
        #expect(try site.read("site/practices/a.html").contains("Обновлено: <time datetime=\"2024-02-20\">20 февраля 2024 г.</time>"))
    }
}
