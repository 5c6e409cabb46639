import Dispatch

extension RandomAccessCollection where Index == Int {
    /// Maps on all cores, keeping the order of the input (so output stays deterministic).
    public func parallelMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] where Element: Sendable {
        let count = self.count
        if count < 2 { return map(transform) }
        // Each slot is written once, by the thread that made its value; the values are then moved
        // (not copied) into the array returned, so the buffer is left empty and only freed.
        let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        let box = UnsafeSendable(results)
        let start = startIndex
        withoutActuallyEscaping(transform) { transform in
            let items = UnsafeSendable(self)
            let chunk = Swift.max(1, count / 64)
            let chunks = (count + chunk - 1) / chunk
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                let lower = c * chunk
                let upper = Swift.min(count, lower + chunk)
                for i in lower..<upper {
                    box.value[i] = transform(items.value[start + i])
                }
            }
        }
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            for i in 0..<count {
                (buffer.baseAddress! + i).initialize(to: (results.baseAddress! + i).move()!)
            }
            initialized = count
        }
    }
}

extension RandomAccessCollection where Index == Int, Element: Sendable {
    /// Calls `body` for every element on all cores, in no particular order.
    public func parallelForEach(_ body: @Sendable (Element) -> Void) {
        _ = parallelMap { body($0) }
    }
}

/// Carries a value the caller knows is used safely across threads (disjoint indices above).
public struct UnsafeSendable<T>: @unchecked Sendable {
    public let value: T
    public init(_ value: T) { self.value = value }
}

/// Work started on another thread; `value` waits for its result.
public final class Background<T>: @unchecked Sendable {
    private var result: T?
    private let finished = DispatchSemaphore(value: 0)

    /// On one of the shared worker threads, which may first finish what they are doing; with
    /// `ownThread`, on a thread of its own at once, beside the workers (for work meant to fill
    /// the gaps of a step that keeps them busy).
    public init(ownThread: Bool = false, _ work: @escaping @Sendable () -> T) {
        (ownThread ? DispatchQueue(label: "metodbank.background") : DispatchQueue.global()).async {
            self.result = work()
            self.finished.signal()
        }
    }

    /// The result, once the work is done; may be asked more than once.
    public var value: T {
        finished.wait()
        defer { finished.signal() }
        return result!
    }
}

/// Lets go of a large value on another thread: freeing the parts of a big temporary (tens of
/// thousands of small strings and arrays) otherwise keeps the thread that made it busy while
/// the other cores wait for its next step. The caller hands the value over (`consume`), so the
/// other thread is the last to hold it.
public func releaseInBackground<T>(_ value: consuming T) {
    let box = ReleaseBox(value)
    releases.async { box.empty() }
}

/// A thread of its own (a queue of its own gets one at once): on the shared workers, a release
/// could wait until a busy step ends, and its memory not be reused meanwhile.
private let releases = DispatchQueue(label: "metodbank.release")

private final class ReleaseBox<T>: @unchecked Sendable {
    private var value: T?
    init(_ value: consuming T) { self.value = value }
    func empty() { value = nil }
}
