import Foundation

/// Rotation of the access log by size, as logrotate names it: `access.jsonl` is renamed `access.jsonl.1`,
/// the `.1` before it `.2`, and so on; with `keep` files kept, the oldest is removed. Only the writer thread
/// rotates, between two batches, so a request never waits on it and no line is split across files.
struct AccessLogRotation {
    let path: String
    /// The size after which the file is rotated (at the end of the batch that crosses it).
    let maxSize: Int
    /// Rotated files kept besides the current one; 0 keeps none.
    let keep: Int
    /// Bytes in the current file, as far as this writer knows (it starts from the size found on disk).
    private(set) var size: Int

    init(path: String, maxSize: Int, keep: Int) {
        precondition(maxSize > 0 && keep >= 0)
        self.path = path
        self.maxSize = maxSize
        self.keep = keep
        var status = stat()
        size = stat(path, &status) == 0 ? Int(status.st_size) : 0
    }

    /// Counts `bytes` written; whether the file should now be rotated.
    mutating func wrote(_ bytes: Int) -> Bool {
        size += bytes
        return size >= maxSize
    }

    /// Shifts the rotated files up by one, moves the current file to `.1` (or removes it with `keep` 0) and
    /// starts the count again. The caller reopens `path`. False when a rename failed (then the file grows on).
    mutating func rotate() -> Bool {
        _ = unlink(name(keep + 1))
        var succeeded = true
        if keep > 0 {
            for index in stride(from: keep - 1, through: 1, by: -1) where access(name(index), F_OK) == 0 {
                succeeded = rename(name(index), name(index + 1)) == 0 && succeeded
            }
            succeeded = rename(path, name(1)) == 0 && succeeded
        } else {
            succeeded = unlink(path) == 0
        }
        if succeeded { size = 0 }
        return succeeded
    }

    /// The name of the `index`th rotated file.
    func name(_ index: Int) -> String { index == 0 ? path : "\(path).\(index)" }
}
