extension Int64 {
    /// Time arithmetic on claims that verified but may still be absurd (`exp` near `Int64.max`): saturate
    /// instead of trapping.
    func saturatingAdding(_ other: Int64) -> Int64 {
        let (sum, overflow) = addingReportingOverflow(other)
        guard overflow else { return sum }
        return other > 0 ? .max : .min
    }
}
