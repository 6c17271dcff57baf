#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// When a change of the config file should reload it: once the file differs from what was loaded and has
/// then stayed the same for one more look, so an editor writing in pieces, or a file moved into place, has
/// settled first. A file that vanished is not reloaded (nothing to load); when it comes back, it is. Pure:
/// the caller looks at the file (`Signature(ofFile:)`) at whatever pace it likes.
public struct ConfigFileWatch: Sendable {
    /// What tells one version of the file from another without reading it.
    public struct Signature: Sendable, Equatable {
        public var device: UInt64
        public var inode: UInt64
        public var size: Int64
        /// Last modification, in nanoseconds since the epoch.
        public var modified: Int64

        public init(device: UInt64, inode: UInt64, size: Int64, modified: Int64) {
            self.device = device
            self.inode = inode
            self.size = size
            self.modified = modified
        }

        /// The file at `path` now; nil when it cannot be looked at.
        public init?(ofFile path: String) {
            var status = stat()
            guard stat(path, &status) == 0 else { return nil }
            self.init(
                device: UInt64(status.st_dev), inode: UInt64(status.st_ino), size: Int64(status.st_size),
                modified: Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec))
        }
    }

    private var loaded: Signature?
    /// A change seen once, waiting for the next look to show it settled; `.some(nil)`: the file vanished.
    private var pending: Signature??

    /// Watching from the version that was loaded.
    public init(loaded: Signature?) {
        self.loaded = loaded
    }

    /// Takes one look at the file; true when it should be reloaded now.
    public mutating func look(_ current: Signature?) -> Bool {
        if current == loaded {
            pending = .none
            return false
        }
        if case .some(let seen) = pending, seen == current {
            loaded = current
            pending = .none
            return current != nil
        }
        pending = .some(current)
        return false
    }

    /// The file was loaded by other means (a SIGHUP): its version then is the one to compare with.
    public mutating func loaded(_ signature: Signature?) {
        loaded = signature
        pending = .none
    }
}
