import PortvaktCore

/// What reading one line of a log leaves for the next: the texts already made, the hour of the last
/// timestamp, and the targets of the lines read since the batch began, which its requests share once it is
/// whole (`shareTargets(with:)`).
struct LogLineMemory {
    /// The catalogue's route names known from the start, its own strings (literals): see `TextInterner`.
    var texts = TextInterner(known: RouteCatalogue.standard.routes.map(\.name))
    var timestamps = LogTimestamps()
    private var targets: [UInt8] = []

    /// Keeps a line's target and says where it is kept.
    mutating func keepTarget(_ bytes: UnsafeBufferPointer<UInt8>) -> LoggedTarget {
        let start = targets.count
        targets.append(contentsOf: bytes)
        return LoggedTarget(inSharedBufferAt: start..<targets.count)
    }

    /// Gives the requests read since the last call the buffer of their targets, and starts a new one.
    mutating func shareTargets(with batch: inout [LoggedRequest]) {
        let shared = targets
        for index in batch.indices { batch[index].target.share(shared) }
        targets = []
        // Room for a batch of longer targets than this one: grown instead, the buffer was copied whole.
        targets.reserveCapacity(shared.count + shared.count / 2)
    }
}
