/// The non-empty `/`-separated segments of a request's path, found in one pass, so that every path glob a
/// request is matched against reads them instead of scanning the path again (a Broker request meets eight).
/// Empty segments are skipped, as the route catalogue skips them: `/a//b/` has `a` and `b`.
struct PathSegments {
    /// The path: the target before its query.
    let path: UnsafeBufferPointer<UInt8>
    /// Each segment's bytes in `path`, in order.
    let bounds: UnsafeBufferPointer<Range<Int32>>

    var count: Int { bounds.count }

    /// Whether segment `index` is exactly `literal`, byte for byte (paths are case-sensitive).
    @inline(__always)
    func segment(_ index: Int, is literal: UnsafeBufferPointer<UInt8>) -> Bool {
        let range = bounds[index]
        guard Int(range.upperBound - range.lowerBound) == literal.count else { return false }
        var offset = Int(range.lowerBound)
        for byte in literal {
            guard path[offset] == byte else { return false }
            offset &+= 1
        }
        return true
    }

    /// Calls `body` with the segments of `target`'s path, held in a buffer on the stack for a path of a
    /// normal size: a path of `n` bytes has at most `(n + 1) / 2` non-empty segments.
    @inline(__always)  // into the limiter's matching: as a call, its closure copied the rule set it captured
    static func with<Result>(pathOf target: UnsafeBufferPointer<UInt8>, _ body: (PathSegments) -> Result) -> Result {
        let path = UnsafeBufferPointer(rebasing: target[..<target.pathEndIndex])
        return withUnsafeTemporaryAllocation(of: Range<Int32>.self, capacity: (path.count + 1) / 2 + 1) { buffer in
            var found = Found(buffer: buffer)
            path.forEachSlash(updating: &found) { $0.end(at: $1) }
            found.end(at: path.count)
            return body(PathSegments(path: path, bounds: UnsafeBufferPointer(rebasing: buffer[..<found.count])))
        }
    }

    /// The segments found so far. A struct the slash loop hands on rather than local variables its closure
    /// captures: the compiler checked each access to captured variables at run time, about 150 instructions a
    /// request.
    private struct Found {
        let buffer: UnsafeMutableBufferPointer<Range<Int32>>
        var count = 0
        var start = 0

        /// Ends the segment that runs to the slash (or the path's end) at `slash`, unless it is empty.
        @inline(__always)
        mutating func end(at slash: Int) {
            if slash > start {
                (buffer.baseAddress! + count).initialize(to: Int32(start)..<Int32(slash))
                count &+= 1
            }
            start = slash &+ 1
        }
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// Calls `body` with `state` and the index of each `/`, in order, eight bytes at a time: in a word XORed with
    /// `/` in every lane, exactly the zero lanes have their top bit set in `~(((w & 0x7F…) + 0x7F…) | w)` (no
    /// carry crosses a lane, so there are no false hits above a true one and each bit can be taken).
    @inline(__always)
    fileprivate func forEachSlash<State>(updating state: inout State, _ body: (inout State, Int) -> Void) {
        let raw = UnsafeRawBufferPointer(self)
        let lanes: UInt64 = 0x0101_0101_0101_0101
        let low7 = lanes &* 0x7F
        var index = 0
        while index &+ 8 <= count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) ^ (lanes &* UInt64(UInt8(ascii: "/")))
            var found = ~(((word & low7) &+ low7) | word) & (lanes &* 0x80)
            while found != 0 {
                body(&state, index &+ found.trailingZeroBitCount &>> 3)
                found &= found &- 1
            }
            index &+= 8
        }
        while index < count {
            if self[index] == UInt8(ascii: "/") { body(&state, index) }
            index &+= 1
        }
    }
}
