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

    /// The series of a request: `target` is the path with its query, as received.
    public init(supplier: String, customer: String?, method: RequestMethod, host: String?, target: String) {
        var hasher = ByteHashing(salt: Self.salt)
        Self.combine(supplier, into: &hasher)
        Self.combine(customer ?? "", into: &hasher)
        Self.combine(host ?? "", into: &hasher)
        hasher.combine(UInt64(customer == nil ? 1 : 0) << 32 | UInt64(method.hashCode))
        var target = target
        target.withUTF8 { bytes in
            let queryStart = bytes.firstIndex(of: UInt8(ascii: "?")) ?? bytes.count
            let path = UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[..<queryStart]))
            hasher.combine(bytes: path)
            var parameterSum: UInt64 = 0
            var position = queryStart + 1
            while position < bytes.count {
                let end = bytes[position...].firstIndex(of: UInt8(ascii: "&")) ?? bytes.count
                let parameter = UnsafeBufferPointer(rebasing: bytes[position..<end])
                position = end + 1
                guard !parameter.isEmpty else { continue }
                let equals = parameter.firstIndex(of: UInt8(ascii: "=")) ?? parameter.count
                let name = UnsafeBufferPointer(rebasing: parameter[..<equals])
                let value = UnsafeBufferPointer(rebasing: parameter[min(equals + 1, parameter.count)...])
                guard !CursorParameters.isCursor(name: name, value: value) else { continue }
                parameterSum &+= ByteHashing.hash(parameter, salt: Self.parameterSalt)
            }
            hasher.combine(parameterSum)
        }
        (first, second) = hasher.finalize()
    }

    /// A part and its length, so `ab` + `c` and `a` + `bc` differ.
    private static func combine(_ part: String, into hasher: inout ByteHashing) {
        var part = part
        part.withUTF8 { bytes in
            hasher.combine(UInt64(bytes.count))
            hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
        }
    }

    private static let salt: UInt64 = 0x51D7_3E08_A6C4_2B91
    private static let parameterSalt: UInt64 = 0x2C69_F4A1_D05B_873E
}
