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

    @Test func backgroundWorkGivesItsResultToEveryCaller() {
        let work = Background { (1...100).reduce(0, +) }
        #expect(work.value == 5050)
        #expect(work.value == 5050)
    }
}
