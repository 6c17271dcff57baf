import CByteClasses

/// What a series key takes from a request target: where its path ends, and the sum of the hashes of its
/// query's `name=value` parameters but the time and cursor ones (`CursorParameters`). A sum does not depend
/// on the parameters' order.
///
/// One pass over the target, sixteen bytes at a time: each block's `?`, `&` and `=` come as one mask
/// (`portvakt_target_separators16`), and only those bytes are looked at. Searching for each separator in turn
/// went over the query twice and cost a call per search.
struct QueryDigest {
    /// The index of the first `?`, or the target's length when it has no query.
    private(set) var pathEnd: Int
    private(set) var parameterSum: UInt64 = 0
    private var inQuery = false
    private var parameterStart = 0
    /// Where the current parameter's first `=` is; -1 until it is found.
    private var nameEnd = -1

    /// `hasher` gives the keys the parameters are hashed under; it is not changed.
    @inline(__always)
    init(of target: UnsafeBufferPointer<UInt8>, hasher: borrowing ByteHashing) {
        pathEnd = target.count
        guard let base = target.baseAddress else { return }
        var block = 0
        while block &+ 16 <= target.count {
            read(portvakt_target_separators16(base + block), at: block, of: target, hasher: hasher)
            block &+= 16
        }
        if block < target.count {
            read(Self.lastSeparators(of: target, from: block), at: block, of: target, hasher: hasher)
        }
        if inQuery { add(target, parameterStart..<target.count, hasher: hasher) }
    }

    /// Takes in the separators of the block at `block`, bit 0 for its first byte.
    @inline(__always)
    private mutating func read(
        _ separators: UInt32, at block: Int, of target: UnsafeBufferPointer<UInt8>, hasher: borrowing ByteHashing
    ) {
        var separators = separators
        while separators != 0 {
            let index = block &+ separators.trailingZeroBitCount
            separators &= separators &- 1
            switch target[index] {
            case UInt8(ascii: "?"):
                guard !inQuery else { continue }
                inQuery = true
                pathEnd = index
                parameterStart = index &+ 1
            case UInt8(ascii: "&"):
                guard inQuery else { continue }
                add(target, parameterStart..<index, hasher: hasher)
                parameterStart = index &+ 1
                nameEnd = -1
            default:
                if inQuery, nameEnd < 0 { nameEnd = index }
            }
        }
    }

    /// Adds the hash of the parameter at `range` unless it is empty or a time or cursor parameter.
    private mutating func add(_ target: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, hasher: borrowing ByteHashing)
    {
        guard !range.isEmpty else { return }
        let nameEnd = nameEnd < 0 ? range.upperBound : nameEnd
        let name = UnsafeBufferPointer(rebasing: target[range.lowerBound..<nameEnd])
        let value = UnsafeBufferPointer(rebasing: target[min(nameEnd &+ 1, range.upperBound)..<range.upperBound])
        guard !CursorParameters.isCursor(name: name, value: value) else { return }
        parameterSum &+= hasher.separateHash(of: UnsafeBufferPointer(rebasing: target[range]), salt: Self.salt)
    }

    /// The separators among the last bytes from `start`, fewer than sixteen, bit 0 for `start`: read as the
    /// target's last sixteen, those already passed shifted out, or when the target is shorter than that, from a
    /// zeroed copy (a zero byte is no separator).
    private static func lastSeparators(of target: UnsafeBufferPointer<UInt8>, from start: Int) -> UInt32 {
        let base = target.baseAddress!
        if target.count >= 16 {
            return portvakt_target_separators16(base + (target.count &- 16)) &>> UInt32(start &+ 16 &- target.count)
        }
        var block: (UInt64, UInt64) = (0, 0)
        return withUnsafeMutableBytes(of: &block) { block in
            block.copyMemory(from: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(target)[start...]))
            return portvakt_target_separators16(block.baseAddress!.assumingMemoryBound(to: UInt8.self))
        }
    }

    /// Internal so that a test can hash a parameter as the digest does.
    static let salt: UInt64 = 0x2C69_F4A1_D05B_873E
}
