import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Tells serve, from Linux's inotify, that something may have changed under the bank's sources:
/// `content/` and `themes/` with every folder in them, and the bank's own folder (for
/// `metodbank.yml`). serve then walks the sources to see what changed; without events it does not
/// walk them at all, so a change is noticed within a few hundredths of a second and an idle
/// preview costs nothing. `nil` where inotify is missing: serve then polls.
final class FolderEvents: @unchecked Sendable {
    private let descriptor: Int32
    /// The folder of each watch, and whether the folders made in it are watched too (all under
    /// `content/` and `themes/`; of the bank's own folder, only those two).
    private var folders: [Int32: (path: String, tree: Bool)] = [:]
    private static let trees = ["content", "themes"]
    private static let mask = UInt32(IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF)

    init?(siteRoot: String) {
        #if os(Linux)
        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { return nil }
        watch(siteRoot, tree: false)
        for top in Self.trees { watchTree(siteRoot + "/" + top) }
        #else
        return nil
        #endif
    }

    deinit { close(descriptor) }

    /// Whether anything happened since the last call. Folders created meanwhile are watched from
    /// now on; when the kernel's queue overflowed, every folder is watched again.
    func drain() -> Bool {
        var happened = false
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { return happened }
            happened = true
            var offset = 0
            while offset + MemoryLayout<inotify_event>.size <= count {
                let (watch, mask, length, name) = buffer.withUnsafeBytes { raw -> (Int32, UInt32, Int, String) in
                    let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    let start = offset + MemoryLayout<inotify_event>.size
                    let bytes = raw[start..<(start + Int(event.len))].prefix { $0 != 0 }
                    return (event.wd, event.mask, Int(event.len), String(decoding: bytes, as: UTF8.self))
                }
                offset += MemoryLayout<inotify_event>.size + length
                if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                    for folder in folders.values where folder.tree { watchTree(folder.path) }
                } else if mask & UInt32(IN_IGNORED) != 0 {
                    folders[watch] = nil
                } else if mask & UInt32(IN_ISDIR) != 0, mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0, let parent = folders[watch],
                          parent.tree || Self.trees.contains(name) {
                    watchTree(parent.path + "/" + name)
                }
            }
        }
    }

    private func watch(_ folder: String, tree: Bool) {
        let watch = inotify_add_watch(descriptor, folder, Self.mask)
        if watch >= 0 { folders[watch] = (folder, tree) }
    }

    private func watchTree(_ folder: String) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else { return }
        watch(folder, tree: true)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where !name.hasPrefix(".") {
            watchTree(folder + "/" + name)
        }
    }
}
