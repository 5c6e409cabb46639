import Foundation
import MetodCore
import MetodServe
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A bare HTTP/1.1 client: sends the request line exactly as given (no URL normalisation).
func rawRequest(port: UInt16, target: String, method: String = "GET") throws -> (status: Int, body: String) {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw POSIXError(.EIO) }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
    let request = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    _ = request.withCString { send(fd, $0, strlen($0), 0) }
    var data = Data()
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = recv(fd, &buffer, buffer.count, 0)
        if n <= 0 { break }
        data.append(contentsOf: buffer[0..<n])
    }
    let text = String(decoding: data, as: UTF8.self)
    let status = Int(text.split(separator: " ").dropFirst().first ?? "") ?? 0
    let body = text.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
    return (status, body)
}

/// `rawRequest` on a thread of its own: it blocks, and tasks that block would take the threads
/// the server's own tasks run on.
func rawRequestOnThread(port: UInt16, target: String) async throws -> String {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread {
            continuation.resume(with: Result { try rawRequest(port: port, target: target).body })
        }
    }
}

/// The number of the last build, as the status answers it (`{"build":N,…}`).
func currentBuild(port: UInt16) throws -> Int {
    let status = try rawRequest(port: port, target: "/__metodbank/status").body
    return try #require(Int(status.split(separator: ":")[1].prefix { $0.isNumber }))
}

/// Polls until `condition` holds or ten seconds pass.
func eventually(_ condition: () throws -> Bool) async throws -> Bool {
    for _ in 0..<100 {
        if try condition() { return true }
        try await Task.sleep(nanoseconds: 100_000_000)
    }
    return false
}

@Suite(.serialized) struct ServeTests {
    func withServer(_ site: TestSite, _ body: (UInt16) async throws -> Void) async throws {
        let server = try PreviewServer(siteRoot: site.root, output: site.output, port: 0)
        let task = Task { try await server.run() }
        defer { task.cancel() }
        let port = try await server.boundPort()
        #expect(try await eventually { FileManager.default.fileExists(atPath: site.output.appending("index.html").value) })
        try await body(port)
        await server.stop()
    }

    @Test func theSiteIsServedOverHTTPWithLiveReload() async throws {
        let site = try TestSite(GraphPagesTests.files)
        defer { site.remove() }
        try await withServer(site) { port in
            let home = try rawRequest(port: port, target: "/")
            #expect(home.status == 200)
            #expect(home.body.contains("Материалы по типам"))
            #expect(home.body.contains("<script src=\"/__metodbank/live.js\"></script></body>"))
            let page = try rawRequest(port: port, target: "/practices/formiruyushchee-otsenivanie.html")
            #expect(page.status == 200 && page.body.contains("Формирующее оценивание"))
            #expect(try rawRequest(port: port, target: "/assets/style.css").body.contains(":root"))
            #expect(try rawRequest(port: port, target: "/net-takoy-stranitsy.html").status == 404)
            // The built site itself never carries the preview's script.
            #expect(try !site.read("site/index.html").contains("live.js"))
        }
    }

    @Test func aChangeIsRebuiltAndABrokenBuildKeepsTheLastGoodSite() async throws {
        let site = try TestSite(GraphPagesTests.files)
        defer { site.remove() }
        try await withServer(site) { port in
            let path = "content/practices/formiruyushchee-otsenivanie.md"
            let original = try site.read(path)
            try site.write(path, original.replacingOccurrences(of: "title: Формирующее оценивание", with: "title: Оценивание для обучения"))
            #expect(try await eventually { try rawRequest(port: port, target: "/practices/formiruyushchee-otsenivanie.html").body.contains("Оценивание для обучения") })
            // The search index follows the pages (serve finishes it after they are shown).
            #expect(try await eventually { try rawRequest(port: port, target: "/search/index.json").body.contains("\"title\":\"Оценивание для обучения\"") })

            try site.write(path, original.replacingOccurrences(of: "deficits: [otsenivanie-rezultatov]", with: "deficits: [net-takogo]"))
            #expect(try await eventually { try rawRequest(port: port, target: "/__metodbank/status").body.contains("неизвестный дефицит") })
            let status = try rawRequest(port: port, target: "/__metodbank/status").body
            #expect(status.contains("content/practices/formiruyushchee-otsenivanie.md:7:12: error: неизвестный дефицит «net-takogo»"))
            #expect(try rawRequest(port: port, target: "/practices/formiruyushchee-otsenivanie.html").body.contains("Оценивание для обучения"))
            #expect(status.contains("Сборка не удалась, показана прежняя версия сайта"))
        }
    }

    /// A page that knows the current build asks with `?since=`: the answer waits for the next
    /// build, so the page reloads as soon as it ends.
    @Test func aStatusRequestWaitsForTheNextBuild() async throws {
        let site = try TestSite(GraphPagesTests.files)
        defer { site.remove() }
        try await withServer(site) { port in
            let number = try currentBuild(port: port)
            // A page that knows an older build is answered at once.
            #expect(try rawRequest(port: port, target: "/__metodbank/status?since=\(number - 1)").body.contains("\"build\":\(number),"))
            let waiting = Task { try await rawRequestOnThread(port: port, target: "/__metodbank/status?since=\(number)") }
            try await Task.sleep(nanoseconds: 500_000_000)
            let path = "content/iom/iom-matematika.md"
            try site.write(path, try site.read(path) + "\nНовый абзац.\n")
            #expect(try await waiting.value.contains("\"build\":\(number + 1),"), "answered with the build that followed the change")
            #expect(try rawRequest(port: port, target: "/__metodbank/live.js").body.contains("?since="))
        }
    }

    /// At most three status requests are held, so a browser with many preview tabs keeps
    /// connections for pages: the fourth is answered at once.
    @Test func noMoreThanThreeStatusRequestsAreHeld() async throws {
        let site = try TestSite(GraphPagesTests.files)
        defer { site.remove() }
        try await withServer(site) { port in
            let number = try currentBuild(port: port)
            let held = (0..<3).map { _ in Task { try await rawRequestOnThread(port: port, target: "/__metodbank/status?since=\(number)") } }
            try await Task.sleep(nanoseconds: 500_000_000)
            let fourth = Task { try await rawRequestOnThread(port: port, target: "/__metodbank/status?since=\(number)") }
            try await Task.sleep(nanoseconds: 500_000_000)
            let path = "content/iom/iom-matematika.md"
            try site.write(path, try site.read(path) + "\nНовый абзац.\n")
            for request in held { #expect(try await request.value.contains("\"build\":\(number + 1),")) }
            #expect(try await fourth.value.contains("\"build\":\(number),"), "answered before the change")
        }
    }

    /// A search index that cannot be written is shown over the page as such (the pages are new)
    /// and written once it can be, without another change.
    @Test func anIndexThatCannotBeWrittenIsTriedAgain() async throws {
        let site = try TestSite(GraphPagesTests.files)
        defer { site.remove() }
        try await withServer(site) { port in
            let fragments = site.output.appending("search/d")
            try FileManager.default.moveItem(atPath: fragments.value, toPath: fragments.value + ".away")
            try Data("не папка".utf8).write(to: fragments.url)
            let path = "content/iom/iom-matematika.md"
            try site.write(path, try site.read(path) + "\nАбзац о взаимопосещении.\n")
            #expect(try await eventually { try rawRequest(port: port, target: "/__metodbank/status").body.contains("поисковый индекс не записан") })
            #expect(try rawRequest(port: port, target: "/iom/iom-matematika.html").body.contains("взаимопосещении"), "the pages are new")
            try FileManager.default.removeItem(atPath: fragments.value)
            try FileManager.default.moveItem(atPath: fragments.value + ".away", toPath: fragments.value)
            #expect(try await eventually { try rawRequest(port: port, target: "/__metodbank/status").body.contains("\"error\":null") })
            // The status clears as soon as the retry's pages are in place; its index follows.
            #expect(try await eventually { try rawRequest(port: port, target: "/search/index.json").body.contains("взаимопосещ") })
        }
    }

    @Test(arguments: [
        "/../metodbank.yml", "/%2e%2e/metodbank.yml", "/%2E%2E%2Fmetodbank.yml", "/assets/../../metodbank.yml",
        "/..%2f..%2fmetodbank.yml", "/..%5cmetodbank.yml", "//etc/passwd", "/etc/passwd", "/%2Fetc%2Fpasswd",
        "/content/practices/formiruyushchee-otsenivanie.md", "/%00index.html",
    ])
    func nothingOutsideTheOutputFolderIsServed(_ target: String) async throws {
        let site = try TestSite(GraphPagesTests.files)
        defer { site.remove() }
        try site.write("site-secret.txt", "секрет")
        try await withServer(site) { port in
            let response = try rawRequest(port: port, target: target)
            #expect(response.status != 200, "\(target) answered \(response.status)")
            #expect(!response.body.contains("title: Тестовый банк"))
            #expect(!response.body.contains("root:"))
        }
    }

    @Test func safePathRefusesEveryEscape() {
        let root = FilePath("/tmp")
        for path in ["/../etc/passwd", "/%2e%2e/etc/passwd", "/a/%2E%2E/%2E%2E/etc", "/a\\..\\b", "/x%00y"] {
            #expect(SafePath.resolve(path, in: root) == nil, "\(path)")
        }
    }

    @Test func itListensOnlyOnThisComputerByDefault() throws {
        let server = try PreviewServer(siteRoot: FilePath("/tmp"), output: FilePath("/tmp/site"))
        #expect(server.host == "127.0.0.1")
    }
}
