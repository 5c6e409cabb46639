import Foundation

/// Lets a thread that waits for another one's work take a part of it.
///
/// The search index's last two parts, `index.json` and the browser's files, are often reached
/// while the builder is still rendering pages; dispatch then had no free worker and ran them one
/// after the other. The index offers the browser's files here; the builder, once it only waits
/// for the index (in serve, after its pages are in place), takes them if they are not started.
public final class WorkShare: @unchecked Sendable {
    private let condition = NSCondition()
    private var offered: (() -> Void)?
    private var takenDone = true
    private var closed = false

    public init() {}

    /// Runs `mine` here and `shared` here too unless a helper takes it first; returns when both are done.
    public func share(_ shared: () -> Void, while mine: () -> Void) {
        withoutActuallyEscaping(shared) { shared in
            // The work is reached through a box a helper lets go of before saying it is done,
            // so it does not outlive this call.
            let box = Box(shared)
            condition.lock()
            offered = { box.run() }
            takenDone = false
            condition.broadcast()
            condition.unlock()
            mine()
            condition.lock()
            if offered != nil {
                offered = nil
                condition.unlock()
                box.run()
            } else {
                while !takenDone { condition.wait() }
                condition.unlock()
            }
        }
    }

    /// Says no more work will be offered; a helper waiting in `help()` returns.
    public func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// Runs work offered until `close()`.
    public func help() {
        condition.lock()
        while !closed {
            if let work = offered {
                offered = nil
                condition.unlock()
                work()
                condition.lock()
                takenDone = true
                condition.broadcast()
            } else {
                condition.wait()
            }
        }
        condition.unlock()
    }

    private final class Box: @unchecked Sendable {
        private var work: (() -> Void)?
        init(_ work: @escaping () -> Void) { self.work = work }
        func run() {
            work?()
            work = nil
        }
    }
}
