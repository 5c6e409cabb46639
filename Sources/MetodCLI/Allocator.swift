import Foundation

/// The allocator's settings for a process that rebuilds again and again (`serve`).
enum Allocator {
    /// A build returns the pages it freed to the system after half a second (`malloc_conf` in
    /// `CJemalloc`), which keeps a one-off build's peak low. serve rebuilds on every save, and
    /// each rebuild then had to fault the same pages in again (page faults and `madvise` were
    /// about a tenth of a rebuild's CPU on a bank of 10,000 documents): it keeps them `seconds`
    /// longer. Does nothing when the program does not run on jemalloc (the tests).
    static func keepFreedPages(seconds: Int) {
        typealias Control = @convention(c) (UnsafePointer<CChar>, UnsafeMutableRawPointer?, UnsafeMutablePointer<Int>?, UnsafeMutableRawPointer?, Int) -> Int32
        guard let symbol = dlsym(nil, "mallctl") else { return }
        let control = unsafeBitCast(symbol, to: Control.self)
        var milliseconds = seconds * 1000
        _ = control("arenas.dirty_decay_ms", nil, nil, &milliseconds, MemoryLayout<Int>.size)
        var arenas: UInt32 = 0
        var size = MemoryLayout<UInt32>.size
        guard control("arenas.narenas", &arenas, &size, nil, 0) == 0 else { return }
        for arena in 0..<arenas {
            _ = control("arena.\(arena).dirty_decay_ms", nil, nil, &milliseconds, MemoryLayout<Int>.size)
        }
    }

}
