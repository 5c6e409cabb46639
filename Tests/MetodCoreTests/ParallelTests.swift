import Foundation
import MetodCore
import Testing

/// Counts live instances, so a test sees whether `parallelMap` lets go of what it made.
private final class Tracked: Sendable {
    nonisolated(unsafe) static var live = 0
    static let lock = NSLock()
    let value: Int

    init(_ value: Int) {
        self.value = value
        Self.lock.withLock { Self.live += 1 }
    }

    deinit { Self.lock.withLock { Self.live -= 1 } }
}

@Suite(.serialized) struct ParallelTests {
    @Test func parallelMapKeepsOrder() {
        let squares = Array(0..<10_000).parallelMap { $0 * $0 }
        #expect(squares == (0..<10_000).map { $0 * $0 })
    }

    /// Every build step maps through `parallelMap`: results it kept a hold of stayed in memory
    /// until the program ended (about 250 MiB of a 10,000-document build).
    @Test func parallelMapFreesItsResultsWhenTheCallerDoes() {
        let before = Tracked.lock.withLock { Tracked.live }
        do {
            let made = Array(0..<1_000).parallelMap { Tracked($0) }
            #expect(made.map(\.value) == Array(0..<1_000))
            #expect(Tracked.lock.withLock { Tracked.live } == before + 1_000)
        }
        #expect(Tracked.lock.withLock { Tracked.live } == before)
    }

    /// The graph hands its large temporaries over to be freed on another thread: they are
    /// freed, and not by the thread that handed them over.
    @Test func aValueReleasedInTheBackgroundIsFreedOnAnotherThread() {
        final class Watched: @unchecked Sendable {
            let freed: DispatchSemaphore
            let owner: Thread
            nonisolated(unsafe) static var freedOnOwner = true
            init(_ freed: DispatchSemaphore) { self.freed = freed; owner = Thread.current }
            deinit {
                Self.freedOnOwner = Thread.current == owner
                freed.signal()
            }
        }
        let freed = DispatchSemaphore(value: 0)
        let values = (0..<1_000).map { _ in Watched(freed) }
        releaseInBackground((consume values, "и ещё что-нибудь"))
        for _ in 0..<1_000 { #expect(freed.wait(timeout: .now() + 10) == .success) }
        #expect(!Watched.freedOnOwner)
    }

    @Test func backgroundWorkGivesItsResultToEveryCaller() {
        let work = Background { (1...100).reduce(0, +) }
        #expect(work.value == 5050)
        #expect(work.value == 5050)
    }
}

/// serve's rebuild: the builder, done with its pages, takes the index's browser files.
@Suite struct WorkShareTests {
    private final class Log: @unchecked Sendable {
        private let lock = NSLock()
        private var entries: [String] = []
        func add(_ entry: String) { lock.withLock { entries.append(entry) } }
        var all: [String] { lock.withLock { entries } }
    }

    @Test func aWaitingHelperTakesTheSharedWorkOnce() {
        let share = WorkShare()
        let log = Log()
        let helperDone = DispatchSemaphore(value: 0)
        let helper = Thread {
            log.add("helper waits")
            share.help()
            helperDone.signal()
        }
        helper.start()
        while !log.all.contains("helper waits") { usleep(1_000) }
        usleep(20_000)  // the helper is inside `help()`, waiting
        share.share({ log.add(Thread.current === helper ? "shared on helper" : "shared on owner") },
                    while: { usleep(100_000); log.add("mine") })
        share.close()
        helperDone.wait()
        #expect(log.all == ["helper waits", "shared on helper", "mine"])
    }

    @Test func withoutAHelperTheOwnerDoesBoth() {
        let share = WorkShare()
        var done: [String] = []
        share.share({ done.append("shared") }, while: { done.append("mine") })
        share.close()
        share.help()  // after close: returns at once
        #expect(done == ["mine", "shared"])
    }
}
