import Foundation

/// The names of this process's threads as the kernel knows them (`/proc/self/task/*/comm`), what `top -H` and
/// `perf` show.
public func threadNames() -> [String] {
    let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
    return tasks.compactMap { task in
        (try? String(contentsOfFile: "/proc/self/task/\(task)/comm", encoding: .utf8))?
            .trimmingCharacters(in: .newlines)
    }
}

/// The name of the calling thread as the kernel knows it (`/proc/thread-self/comm`); empty if unreadable.
public func currentThreadName() -> String {
    ((try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)) ?? "").trimmingCharacters(in: .newlines)
}
