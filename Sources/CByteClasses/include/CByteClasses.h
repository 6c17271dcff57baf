// Byte classes sixteen bytes at a time, one bit per byte: for the access-log reader of `portvakt replay` and
// the polling detector's series keys. Swift has no way to say "one bit per byte lane" (SSE2's movemask);
// Swift code inlines these static functions like its own.
#ifndef PORTVAKT_CBYTECLASSES_H
#define PORTVAKT_CBYTECLASSES_H

#include <stdint.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/// Bit i set when byte i of the sixteen at `bytes` ends a run of plain JSON string bytes: a quote, a
/// backslash or a control character (below 0x20). All sixteen bytes must be readable.
static inline uint32_t portvakt_json_string_stops16(const uint8_t *bytes) {
#if defined(__SSE2__)
    __m128i lanes = _mm_loadu_si128((const __m128i *)bytes);
    __m128i quote = _mm_cmpeq_epi8(lanes, _mm_set1_epi8('"'));
    __m128i backslash = _mm_cmpeq_epi8(lanes, _mm_set1_epi8('\\'));
    // Unsigned: a lane is below 0x20 exactly when its minimum with 0x1F is itself.
    __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(lanes, _mm_set1_epi8(0x1F)), lanes);
    return (uint32_t)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(quote, backslash), control));
#else
    uint32_t stops = 0;
    for (int lane = 0; lane < 16; lane++) {
        uint8_t byte = bytes[lane];
        if (byte == '"' || byte == '\\' || byte < 0x20) stops |= 1u << lane;
    }
    return stops;
#endif
}

/// Where the plain string starting at `start` (after its opening quote) ends: the index of its closing quote,
/// when neither a backslash nor a control character comes before it and it ends at least sixteen bytes
/// before `count`, the line's end; -1 otherwise, for the caller's full reading. Static and inline, so the Swift
/// reader inlines it where a Swift function was a call with a frame, eleven times a line.
static inline long portvakt_json_plain_string_end(const uint8_t *bytes, long count, long start) {
    for (long position = start; position + 16 <= count; position += 16) {
        uint32_t stops = portvakt_json_string_stops16(bytes + position);
        if (stops != 0) {
            long at = position + __builtin_ctz(stops);
            return bytes[at] == '"' ? at : -1;
        }
    }
    return -1;
}

/// Where the JSON number starting at `start` ends (the index after it), by its grammar
/// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`; when it is malformed, -1 - the index where a
/// digit is missing. Inlined as the string scan above is.
static inline long portvakt_json_number_end(const uint8_t *bytes, long count, long start) {
    long position = start;
#define PORTVAKT_DIGIT_AT(index) ((index) < count && (uint8_t)(bytes[(index)] - '0') < 10)
    if (position < count && bytes[position] == '-') position++;
    if (position < count && bytes[position] == '0') {
        position++;
    } else {
        if (!PORTVAKT_DIGIT_AT(position)) return -1 - position;
        while (PORTVAKT_DIGIT_AT(position)) position++;
    }
    if (position < count && bytes[position] == '.') {
        position++;
        if (!PORTVAKT_DIGIT_AT(position)) return -1 - position;
        while (PORTVAKT_DIGIT_AT(position)) position++;
    }
    if (position < count && (bytes[position] == 'e' || bytes[position] == 'E')) {
        position++;
        if (position < count && (bytes[position] == '+' || bytes[position] == '-')) position++;
        if (!PORTVAKT_DIGIT_AT(position)) return -1 - position;
        while (PORTVAKT_DIGIT_AT(position)) position++;
    }
#undef PORTVAKT_DIGIT_AT
    return position;
}

/// Bit i set when byte i of the sixteen at `bytes` separates a request target's parts: `?` (path from
/// query), `&` (parameter from parameter) or `=` (name from value). All sixteen bytes must be readable.
static inline uint32_t portvakt_target_separators16(const uint8_t *bytes) {
#if defined(__SSE2__)
    __m128i lanes = _mm_loadu_si128((const __m128i *)bytes);
    __m128i question = _mm_cmpeq_epi8(lanes, _mm_set1_epi8('?'));
    __m128i ampersand = _mm_cmpeq_epi8(lanes, _mm_set1_epi8('&'));
    __m128i equals = _mm_cmpeq_epi8(lanes, _mm_set1_epi8('='));
    return (uint32_t)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(question, ampersand), equals));
#else
    uint32_t separators = 0;
    for (int lane = 0; lane < 16; lane++) {
        uint8_t byte = bytes[lane];
        if (byte == '?' || byte == '&' || byte == '=') separators |= 1u << lane;
    }
    return separators;
#endif
}

#endif
