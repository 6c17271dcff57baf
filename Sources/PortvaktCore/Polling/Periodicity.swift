/// How regular a series' reads are, 0 (no pattern) to 1 (a metronome), scored as RITA scores network
/// beacons: the mean of a symmetry score, 1 − |Bowley skewness| of the intervals, and a dispersion score,
/// 1 − min(1, MAD / median). A timer with jitter scores high; people and event-driven reads score low.
/// It is evidence for a reader of the report, never part of the verdict.
enum Periodicity {
    /// Fewer intervals than this say nothing about a pattern: the score is 0.
    static let minimumIntervals = 3

    /// The score of intervals sorted from shortest to longest.
    static func score(sortedMilliseconds intervals: [UInt32]) -> Double {
        guard intervals.count >= minimumIntervals else { return 0 }
        let values = intervals.map(Double.init)
        let median = Self.median(ofSorted: values)
        let lowerQuartile = Self.median(ofSorted: Array(values[..<(values.count / 2)]))
        let upperQuartile = Self.median(ofSorted: Array(values[((values.count + 1) / 2)...]))
        let spread = upperQuartile - lowerQuartile
        let skewness = spread > 0 ? (lowerQuartile + upperQuartile - 2 * median) / spread : 0
        let deviations = values.map { abs($0 - median) }.sorted()
        let dispersion = median > 0 ? min(1, Self.median(ofSorted: deviations) / median) : 1
        return ((1 - abs(skewness)) + (1 - dispersion)) / 2
    }

    private static func median(ofSorted values: [Double]) -> Double {
        (values[(values.count - 1) / 2] + values[values.count / 2]) / 2
    }
}
