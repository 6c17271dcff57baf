// CJSONScan is header-only: its functions are static inline in include/CJSONScan.h. SwiftPM wants a source.
#include "CJSONScan.h"
