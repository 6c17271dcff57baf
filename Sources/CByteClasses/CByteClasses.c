// CByteClasses is header-only: its functions are static inline in include/CByteClasses.h. SwiftPM wants a source.
#include "CByteClasses.h"
