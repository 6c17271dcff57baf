#if canImport(Glibc)
    import Glibc
#endif

/// Whether `serve` could open a file it appends to or creates (the access log, the state database), asked without
/// creating anything, for `check-config`: an existing file must be a writable regular file; otherwise the nearest
/// directory on its way that exists must be one this user can create entries in (the rest `serve` creates).
enum FileCreation {
    /// `nil` when the file could be opened, else why not.
    static func problem(opening path: String) -> String? {
        var status = stat()
        if stat(path, &status) == 0 {
            guard status.st_mode & S_IFMT == S_IFREG else { return "\(path) is not a regular file" }
            return access(path, W_OK) == 0 ? nil : "\(path): \(Self.reason())"
        }
        var directory = path
        while true {
            directory = Self.parent(of: directory)
            if stat(directory, &status) == 0 {
                guard status.st_mode & S_IFMT == S_IFDIR else { return "\(directory) is not a directory" }
                return access(directory, W_OK | X_OK) == 0
                    ? nil : "cannot create \(path) in \(directory): \(Self.reason())"
            }
            // Only a missing directory is worth looking past; a loop or a permission problem is the answer.
            guard errno == ENOENT, directory != "/", directory != "." else {
                return "cannot reach \(directory): \(Self.reason())"
            }
        }
    }

    /// `a/b` → `a`, `a` → `.`, `/a` → `/`.
    private static func parent(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    }

    private static func reason() -> String { String(cString: strerror(errno)) }
}
