// zlib from Debian (zlib1g-dev), for replaying gzip-compressed access logs.
#include <zlib.h>

// inflateInit2 is a macro, which Swift cannot call. Window bits 15 + 32: a gzip or a zlib stream, told apart by
// its header.
static inline int pv_inflate_init(z_stream *stream) {
    return inflateInit2(stream, 15 + 32);
}
