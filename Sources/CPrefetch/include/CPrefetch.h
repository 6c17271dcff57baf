// Cache hints for the replay's hot tables. Swift has no way to say "fetch this line, I will read it soon"
// (the compilers' __builtin_prefetch); Swift code inlines this static function like its own.
#ifndef PORTVAKT_CPREFETCH_H
#define PORTVAKT_CPREFETCH_H

/// Starts loading the cache line at `address` for a read soon, into every cache level. A hint only: it
/// never faults, whatever the address, and changes no result.
static inline void portvakt_prefetch(const void *address) { __builtin_prefetch(address, 0, 3); }

#endif
