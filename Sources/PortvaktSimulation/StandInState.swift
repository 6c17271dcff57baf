import NIOConcurrencyHelpers

/// Everything the stand-in remembers, shared by all its connections.
final class StandInState: Sendable {
    struct Counters {
        var connectionsAccepted = 0
        var requestsServed = 0
        var uploadedBytes = 0
    }

    let counters = NIOLockedValueBox(Counters())
    let dialogs = NIOLockedValueBox(DialogLedger())
    let tusUploads = NIOLockedValueBox(TusUploadLedger())
}
