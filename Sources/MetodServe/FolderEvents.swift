import Foundation
import MetodContent
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
        for top in Self.trees { watchTree(siteRoot + "/" + top, top: true) }
        #else
        return nil
        #endif
    }

    deinit { close(descriptor) }

    /// How many folders are watched.
    var watchedFolders: Int { folders.count }

    /// Waits until there is an event to read, at most `milliseconds`; whether there is one.
    func wait(milliseconds: Int32) -> Bool {
        var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&request, 1, milliseconds) > 0
    }

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
                    for folder in folders.values where folder.tree { watchTree(folder.path, top: false) }
                } else if mask & UInt32(IN_IGNORED) != 0 {
                    folders[watch] = nil
                } else if mask & UInt32(IN_ISDIR) != 0, let parent = folders[watch] {
                    let path = parent.path + "/" + name
                    if mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0, parent.tree || Self.trees.contains(name) {
                        watchTree(path, top: !parent.tree)
                    } else if mask & UInt32(IN_MOVED_FROM) != 0 {
                        unwatch(below: path)  // moved out (or renamed: its new name comes as IN_MOVED_TO)
                    }
                }
            }
        }
    }

    private func watch(_ folder: String, tree: Bool, follow: Bool = true) {
        let flags = Self.mask | UInt32(IN_ONLYDIR) | (follow ? 0 : UInt32(IN_DONT_FOLLOW))
        let watch = inotify_add_watch(descriptor, folder, flags)
        if watch >= 0 { folders[watch] = (folder, tree) }
    }

    /// A folder and the folders in it, as the build reads them: `content/` and `themes/`
    /// themselves may be links, but links to folders inside them are not followed (so a link
    /// back up cannot make the walk endless), nor are hidden folders.
    private func watchTree(_ folder: String, top: Bool) {
        var info = stat()
        guard (top ? stat(folder, &info) : lstat(folder, &info)) == 0, info.st_mode & S_IFMT == S_IFDIR else { return }
        watch(folder, tree: true, follow: top)
        // Links report DT_LNK; an unknown type is looked at by the `lstat` above.
        for (name, type) in ContentWalk.entries(of: folder) where type == UInt8(DT_DIR) || type == UInt8(DT_UNKNOWN) {
            watchTree(folder + "/" + name, top: false)
        }
    }

    /// Stops watching a folder that left the tree, and the folders in it.
    private func unwatch(below path: String) {
        for (watch, folder) in folders where folder.path == path || folder.path.hasPrefix(path + "/") {
            inotify_rm_watch(descriptor, watch)
            folders[watch] = nil
        }
    }
}
