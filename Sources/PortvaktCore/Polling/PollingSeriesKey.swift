/// A 16-byte digest of one series (CONTRACT.md §5): supplier × customer × method × host × path × the query
/// without its time and cursor parameters (`CursorParameters`), so the key has a fixed size and costs no
/// allocation to build.
///
/// The remaining parameters count whatever their order: each `name=value` is hashed on its own and the
/// hashes are summed, and a sum does not depend on order. The two words are the two independent lanes of
/// one keyed hash (`ByteHashing`, keys drawn per process). Two distinct series share a key with odds about
/// n² / 2^129 among n series; a collision would merge two series.
public struct PollingSeriesKey: Sendable, Hashable {
    let first: UInt64
    let second: UInt64

    /// The series of a request: `target` is the path with its query, as received. The strings are borrowed: an
    /// initialiser's parameters are otherwise owned, and each call would retain and release every one.
    public init(
        supplier: borrowing String, customer: borrowing String?, method: RequestMethod, host: borrowing String?,
        target: borrowing String
    ) {
        var hasher = ByteHashing(salt: Self.salt)
        supplier.withUTF8Bytes { Self.combine($0, into: &hasher) }
        Self.combine(customer, into: &hasher)
        Self.combine(host, into: &hasher)
        hasher.combine(UInt64(customer == nil ? 1 : 0) << 32 | UInt64(method.hashCode))
        target.withUTF8Bytes { bytes in
            let queryStart = bytes.pathEndIndex
            hasher.combine(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[..<queryStart])))
            hasher.combine(Self.parameterSum(bytes, from: queryStart + 1))
        }
        (first, second) = hasher.finalize()
    }

    /// The sum of the hashes of the query's `name=value` parameters from `start`, the time and cursor ones
    /// left out.
    private static func parameterSum(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> UInt64 {
        var sum: UInt64 = 0
        var position = start
        while position < bytes.count {
            let end = bytes.firstIndex(of: UInt8(ascii: "&"), from: position, to: bytes.count) ?? bytes.count
            if end > position {
                let nameEnd = bytes.firstIndex(of: UInt8(ascii: "="), from: position, to: end) ?? end
                let name = UnsafeBufferPointer(rebasing: bytes[position..<nameEnd])
                let value = UnsafeBufferPointer(rebasing: bytes[min(nameEnd + 1, end)..<end])
                if !CursorParameters.isCursor(name: name, value: value) {
                    sum &+= ByteHashing.hash(UnsafeBufferPointer(rebasing: bytes[position..<end]), salt: parameterSalt)
                }
            }
            position = end + 1
        }
        return sum
    }

    /// An optional part, nil as empty; without `?? ""`, which would copy (retain) the string.
    @inline(__always)
    private static func combine(_ part: borrowing String?, into hasher: inout ByteHashing) {
        switch part {
        case .some(let text): text.withUTF8Bytes { combine($0, into: &hasher) }
        case .none: combine(UnsafeBufferPointer(start: nil, count: 0), into: &hasher)
        }
    }

    /// A part and its length, so `ab` + `c` and `a` + `bc` differ.
    @inline(__always)
    private static func combine(_ part: UnsafeBufferPointer<UInt8>, into hasher: inout ByteHashing) {
        hasher.combine(UInt64(part.count))
        hasher.combine(bytes: UnsafeRawBufferPointer(part))
    }

    private static let salt: UInt64 = 0x51D7_3E08_A6C4_2B91
    private static let parameterSalt: UInt64 = 0x2C69_F4A1_D05B_873E
}
