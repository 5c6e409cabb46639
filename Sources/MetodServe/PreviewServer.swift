import FlyingFox
import FlyingSocks
import Foundation
import MetodContent
import MetodCore
import MetodSite

/// What the preview knows about the latest build, shared by the watcher and the handler.
actor BuildStatus {
    private(set) var number = 0
    /// What open pages show over themselves, if anything.
    private(set) var error: String?
    /// The last build's search index could not be written: the watcher builds again.
    private(set) var indexFailed = false
    /// Status requests held until the next build. A browser opens six connections to a server,
    /// so no more than three are held: the others are answered at once and asked again.
    private var waiting = 0
    static let maxWaiting = 3

    /// Held status requests, woken when a build ends (not polling: a page left open in the
    /// preview costs nothing while nothing changes).
    private var sleepers: [Int: CheckedContinuation<Void, Never>] = [:]
    private var lastSleeper = 0

    func succeeded() { number += 1; error = nil; indexFailed = false; wakeAll() }
    func failed(_ message: String) { number += 1; error = message; wakeAll() }
    func indexNotWritten(_ message: String) { number += 1; error = message; indexFailed = true; wakeAll() }

    /// Returns once a build after build `since` has ended, or when the task is cancelled.
    func nextBuild(after since: Int) async {
        guard number == since else { return }
        lastSleeper += 1
        let id = lastSleeper
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if Task.isCancelled { continuation.resume() } else { sleepers[id] = continuation }
            }
        } onCancel: {
            Task { await self.wake(id) }
        }
    }

    private func wake(_ id: Int) { sleepers.removeValue(forKey: id)?.resume() }

    private func wakeAll() {
        let woken = sleepers.values
        sleepers = [:]
        for sleeper in woken { sleeper.resume() }
    }

    func startWaiting() -> Bool {
        guard waiting < Self.maxWaiting else { return false }
        waiting += 1
        return true
    }

    func stopWaiting() { waiting -= 1 }
}

/// `metodbank serve`: builds the bank, serves the output folder on the loopback address,
/// watches content, themes and config, rebuilds on change and reloads open pages. A failed
/// build leaves the last good site served and shows its errors over the page.
public final class PreviewServer: Sendable {
    public let siteRoot: FilePath
    public let output: FilePath
    public let host: String
    public let port: UInt16
    let status = BuildStatus()
    /// Rendered bodies and pages kept between rebuilds: a change re-renders only what it affects.
    let cache = BuildCache()
    private let server: HTTPServer
    /// Called with the diagnostics of each build, for the terminal.
    let report: @Sendable (BuildReport) -> Void
    /// Called when the search index of a build that succeeded could not be written.
    let indexProblem: @Sendable (Diagnostic) -> Void

    public init(siteRoot: FilePath, output: FilePath, host: String = "127.0.0.1", port: UInt16 = 8080,
                report: @escaping @Sendable (BuildReport) -> Void = { _ in },
                indexProblem: @escaping @Sendable (Diagnostic) -> Void = { _ in }) throws {
        self.siteRoot = siteRoot
        self.output = output
        self.host = host
        self.port = port
        self.report = report
        self.indexProblem = indexProblem
        let handler = PreviewHandler(output: output, status: status)
        if host.contains(":") {
            server = HTTPServer(address: try sockaddr_in6.inet6(ip6: host, port: port), logger: .disabled, handler: handler)
        } else {
            server = HTTPServer(address: try sockaddr_in.inet(ip4: host, port: port), logger: .disabled, handler: handler)
        }
    }

    /// The port actually bound (useful when asked for port 0).
    public func boundPort() async throws -> UInt16 {
        // The first build comes before listening; on a busy machine it can take a while.
        try await server.waitUntilListening(timeout: 60)
        guard let address = await server.listeningAddress else { return port }
        switch address {
        case .ip4(_, let port), .ip6(_, let port): return port
        default: return port
        }
    }

    /// Builds once, then serves and watches until cancelled.
    public func run() async throws {
        // Taken before the first build, so a change made while it runs is not missed.
        let events = FolderEvents(siteRoot: siteRoot.value)
        let initial = signature()
        await rebuild()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await self.server.run() }
            group.addTask { try await self.watch(from: initial, events: events) }
            try await group.next()
            group.cancelAll()
        }
    }

    public func stop() async { await server.stop() }

    /// Builds and tells open pages; the search index of a rebuild is finished after that, and
    /// the next change is looked for only once it is. Both run on a thread of their own, so the
    /// server answers (and pages reload) meanwhile even on one core.
    func rebuild() async {
        var builder = SiteBuilder(siteRoot: siteRoot, output: output)
        builder.cache = cache
        builder.defersIndex = true
        let result = await Self.onThread { [builder] in builder.build() }
        if result.succeeded {
            await status.succeeded()
        } else {
            await status.failed("Сборка не удалась, показана прежняя версия сайта:\n\n" + result.errors.map(\.description).joined(separator: "\n"))
        }
        report(result)
        if let problem = await Self.onThread({ [cache] in cache.settle()?.problem }) {
            await status.indexNotWritten("Страницы обновлены, но поисковый индекс не записан; поиск может показывать прежние результаты:\n\n" + problem.description)
            indexProblem(problem)
        }
    }

    private static func onThread<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: work()) }
        }
    }

    /// Walks the sources when inotify tells of a change (and every 3 s all the same), or without
    /// inotify four times a second; a change of any file's size, dates or inode (or a file added
    /// or removed) triggers a build. A search index that could not be written is tried again
    /// every 3 s. With inotify, a thread waits for its events (a quarter of a second at a time,
    /// to notice that serve stops), instead of looking every 20 ms.
    func watch(from initial: Int, events: FolderEvents?) async throws {
        var last = initial
        var lastPeriodic = DispatchTime.now().uptimeNanoseconds
        while !Task.isCancelled {
            if let events {
                _ = await Self.onThread { events.wait(milliseconds: 250) }
            } else {
                try await Task.sleep(nanoseconds: 250_000_000)
            }
            try Task.checkCancellation()
            let now = DispatchTime.now().uptimeNanoseconds
            let periodic = now - lastPeriodic >= 3_000_000_000
            if periodic { lastPeriodic = now }
            if let events {
                guard events.drain() || periodic else { continue }
                // An editor may save in several steps: wait until the events stop for a moment.
                for _ in 0..<10 {
                    try await Task.sleep(nanoseconds: 20_000_000)
                    if !events.drain() { break }
                }
            }
            let current = signature()
            let failed = await status.indexFailed
            let retry = periodic && failed
            if current != last || retry {
                last = current
                await rebuild()
            }
        }
    }

    /// The state of the sources; the build that follows takes this walk of `content/`.
    func signature() -> Int { cache.signature(of: siteRoot) }
}

/// Serves files of the output folder, the build status and the live-reload script.
struct PreviewHandler: HTTPHandler {
    let output: FilePath
    let status: BuildStatus

    static let livePath = "/__metodbank/live.js"
    static let statusPath = "/__metodbank/status"

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        let raw = request.target.path(percentEncoded: true)
        guard request.method == .GET || request.method == .HEAD else {
            return HTTPResponse(statusCode: .methodNotAllowed)
        }
        if raw == Self.statusPath {
            // `?since=N`: the page already knows build N, so the answer waits (up to ten seconds)
            // for the next one; a page reloads as soon as a build ends, not at its next poll.
            if let since = request.query["since"].flatMap(Int.init), await status.startWaiting() {
                await withTaskGroup(of: Void.self) { [status] group in
                    group.addTask { await status.nextBuild(after: since) }
                    group.addTask { try? await Task.sleep(nanoseconds: 10_000_000_000) }
                    await group.next()
                    group.cancelAll()
                }
                await status.stopWaiting()
                try Task.checkCancellation()
            }
            let error = await status.error.map(Escape.jsString) ?? "null"
            let body = "{\"build\":\(await status.number),\"error\":\(error)}"
            return HTTPResponse(statusCode: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"], body: Data(body.utf8))
        }
        if raw == Self.livePath {
            return HTTPResponse(statusCode: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "no-store"], body: Data(LiveReload.script.utf8))
        }
        guard let file = SafePath.resolve(raw, in: output), var data = FileManager.default.contents(atPath: file.value) else {
            var body = Data("Страница не найдена".utf8)
            if let notFound = FileManager.default.contents(atPath: output.appending("404.html").value) { body = Self.inject(notFound) }
            return HTTPResponse(statusCode: .notFound, headers: [.contentType: "text/html; charset=utf-8"], body: body)
        }
        let type = SafePath.contentType(of: file)
        if type.hasPrefix("text/html") { data = Self.inject(data) }
        return HTTPResponse(statusCode: .ok, headers: [.contentType: type, .cacheControl: "no-store"], body: data)
    }

    /// Adds the live-reload script to a page, in the preview only (never in the built site).
    static func inject(_ page: Data) -> Data {
        let html = String(decoding: page, as: UTF8.self)
        let tag = "<script src=\"\(livePath)\"></script>"
        guard let end = html.range(of: "</body>", options: .backwards) else { return Data((html + tag).utf8) }
        return Data(html.replacingCharacters(in: end, with: tag + "</body>").utf8)
    }

}

enum LiveReload {
    /// Asks for the build status, each answer waiting for the next build; reloads on a new good
    /// build, shows errors over the page.
    static let script = """
    (function () {
      var seen = null;
      function overlay(text) {
        var box = document.getElementById("metodbank-error");
        if (!text) { if (box) box.remove(); return; }
        if (!box) {
          box = document.createElement("div");
          box.id = "metodbank-error";
          box.setAttribute("role", "alert");
          box.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:99999;background:#fff0f0;color:#7a1010;border-top:4px solid #c62828;padding:1rem;font:14px/1.4 monospace;white-space:pre-wrap";
          document.body.appendChild(box);
        }
        box.textContent = text;
      }
      function poll() {
        var request = new XMLHttpRequest();
        request.open("GET", "/__metodbank/status" + (seen === null ? "" : "?since=" + seen), true);
        request.onload = function () {
          if (request.status !== 200) { setTimeout(poll, 2000); return; }
          try {
            var status = JSON.parse(request.responseText);
            if (seen !== null && status.build !== seen && !status.error) { location.reload(); return; }
            seen = status.build;
            overlay(status.error);
          } catch (e) {}
          setTimeout(poll, 200);
        };
        request.onerror = function () { setTimeout(poll, 2000); };
        request.send();
      }
      poll();
    })();
    """
}
