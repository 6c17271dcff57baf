#ifndef PORTVAKT_C_CHILD_SPAWN_H
#define PORTVAKT_C_CHILD_SPAWN_H

#include <sys/types.h>

/// Starts `path` with `argv` and `envp` (both NULL-terminated) in `directory` (NULL: this process's), its
/// standard input, output and error on the given descriptors, and every other descriptor closed in the child
/// (`posix_spawn_file_actions_addclosefrom_np`, so that no test's pipe or socket leaks into another's child).
/// No signal is blocked in the child, and each has its default action.
/// Returns 0 and sets `pid`, or an errno value.
///
/// For tests: Foundation's `Process.run()` on Linux (swift-corelibs-foundation up to Swift 6.3) finds the
/// descriptors to close by copying whole `dirent`s from `/proc/self/fd`, which reads past glibc's buffer and
/// now and then crashes the test process (swiftlang/swift-corelibs-foundation#5472).
int portvakt_spawn(pid_t *pid, const char *path, char *const argv[], char *const envp[], const char *directory,
                   int input, int output, int error);

/// A pipe whose two ends close on exec (`pipe2` with `O_CLOEXEC`): a child gets only the ends it is handed.
/// Returns 0, or an errno value.
int portvakt_pipe(int ends[2]);

#endif
