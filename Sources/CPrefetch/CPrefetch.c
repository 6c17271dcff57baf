// The target's one function is static inline in its header; SwiftPM wants a source file all the same.
#include "CPrefetch.h"
