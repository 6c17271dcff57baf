#define _GNU_SOURCE
#include "CChildSpawn.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <unistd.h>

int portvakt_spawn(pid_t *pid, const char *path, char *const argv[], char *const envp[], const char *directory,
                   int input, int output, int error) {
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attributes;
    int result = posix_spawn_file_actions_init(&actions);
    if (result != 0) return result;
    if ((result = posix_spawnattr_init(&attributes)) != 0) {
        posix_spawn_file_actions_destroy(&actions);
        return result;
    }
    // The spawning thread may block signals (Dispatch's workers block most) or ignore some; a child starts
    // with none blocked and every one at its default, as from a shell.
    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    sigdelset(&all, SIGKILL);
    sigdelset(&all, SIGSTOP);
    if ((result = posix_spawnattr_setsigmask(&attributes, &none)) != 0) goto done;
    if ((result = posix_spawnattr_setsigdefault(&attributes, &all)) != 0) goto done;
    if ((result = posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)) != 0)
        goto done;
    if ((result = posix_spawn_file_actions_adddup2(&actions, input, 0)) != 0) goto done;
    if ((result = posix_spawn_file_actions_adddup2(&actions, output, 1)) != 0) goto done;
    if ((result = posix_spawn_file_actions_adddup2(&actions, error, 2)) != 0) goto done;
    if ((result = posix_spawn_file_actions_addclosefrom_np(&actions, 3)) != 0) goto done;
    if (directory != NULL && (result = posix_spawn_file_actions_addchdir_np(&actions, directory)) != 0) goto done;
    result = posix_spawn(pid, path, &actions, &attributes, argv, envp);
done:
    posix_spawnattr_destroy(&attributes);
    posix_spawn_file_actions_destroy(&actions);
    return result;
}

int portvakt_pipe(int ends[2]) { return pipe2(ends, O_CLOEXEC) == 0 ? 0 : errno; }
