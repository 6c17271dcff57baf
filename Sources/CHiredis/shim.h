// hiredis from Debian (libhiredis-dev). Swift calls its non-variadic entry points (redisAppendCommandArgv,
// redisGetReply), so no C wrappers are needed.
#include <hiredis/hiredis.h>
