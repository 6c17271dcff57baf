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
        // Every part's bytes in one scope, so the hash state stays in registers rather than going through a
        // closure per part. Not delegated to the bytes initialiser below: through one more closure, a key cost 82
        // instructions more.
        (first, second) = supplier.withUTF8Bytes { supplier in
            Self.withBytes(of: customer) { customerBytes in
                Self.withBytes(of: host) { host in
                    target.withUTF8Bytes { target in
                        Self.digest(
                            supplier: supplier, customer: customerBytes, hasCustomer: customer != nil, method: method,
                            host: host, target: target)
                    }
                }
            }
        }
    }

    /// The same with the target as bytes, for readers that hold them (`replay`, reading a log).
    public init(
        supplier: borrowing String, customer: borrowing String?, method: RequestMethod, host: borrowing String?,
        target: UnsafeBufferPointer<UInt8>
    ) {
        (first, second) = supplier.withUTF8Bytes { supplier in
            Self.withBytes(of: customer) { customerBytes in
                Self.withBytes(of: host) { host in
                    Self.digest(
                        supplier: supplier, customer: customerBytes, hasCustomer: customer != nil, method: method,
                        host: host, target: target)
                }
            }
        }
    }

    @inline(__always)
    private static func digest(
        supplier: UnsafeBufferPointer<UInt8>, customer: UnsafeBufferPointer<UInt8>, hasCustomer: Bool,
        method: RequestMethod, host: UnsafeBufferPointer<UInt8>, target: UnsafeBufferPointer<UInt8>
    ) -> (UInt64, UInt64) {
        var hasher = ByteHashing(salt: Self.salt)
        hasher.combine(bytes: UnsafeRawBufferPointer(supplier))
        hasher.combine(bytes: UnsafeRawBufferPointer(customer))
        hasher.combine(bytes: UnsafeRawBufferPointer(host))
        // The parts' lengths, so `ab` + `c` and `a` + `bc` differ (the path's follows from the total), with the
        // method and whether there is a customer at all: one step for all of them.
        hasher.combine(
            UInt64(truncatingIfNeeded: supplier.count) | UInt64(truncatingIfNeeded: customer.count) << 32,
            UInt64(truncatingIfNeeded: host.count) | UInt64(hasCustomer ? 0 : 1) << 32 | UInt64(method.hashCode) << 40)
        let query = QueryDigest(of: target, hasher: hasher)
        hasher.combine(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: target[..<query.pathEnd])))
        hasher.combine(query.parameterSum)
        return hasher.finalize()
    }

    /// An optional part's bytes, nil as empty; without `?? ""`, which would copy (retain) the string.
    @inline(__always)
    private static func withBytes<Result>(
        of part: borrowing String?, _ body: (UnsafeBufferPointer<UInt8>) -> Result
    ) -> Result {
        switch part {
        case .some(let text): text.withUTF8Bytes(body)
        case .none: body(UnsafeBufferPointer(start: nil, count: 0))
        }
    }

    private static let salt: UInt64 = 0x51D7_3E08_A6C4_2B91
}
