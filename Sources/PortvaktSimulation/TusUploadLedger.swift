/// Offsets of the stand-in's TUS uploads (Broker's `/filetransfer/upload/tus/{id}`). Uploads exist implicitly:
/// an id never seen has offset 0 and an unknown length.
struct TusUploadLedger {
    struct Upload: Equatable {
        var offset = 0
        /// From `Upload-Length` on the creating `POST` or on a `PATCH`; nil while deferred.
        var length: Int?
    }

    enum PatchOutcome: Equatable {
        case accepted(Upload)
        /// `Upload-Offset` did not match the stored offset (TUS answers 409).
        case conflict(Upload)
    }

    private var uploads: [String: Upload] = [:]

    func upload(id: String) -> Upload {
        self.uploads[id] ?? Upload()
    }

    mutating func create(id: String, length: Int?) -> Upload {
        let upload = Upload(offset: 0, length: length)
        self.uploads[id] = upload
        return upload
    }

    /// Appends `byteCount` bytes sent at `claimedOffset`.
    mutating func patch(id: String, claimedOffset: Int, byteCount: Int, length: Int?) -> PatchOutcome {
        var upload = self.upload(id: id)
        guard claimedOffset == upload.offset else { return .conflict(upload) }
        upload.offset += byteCount
        if let length { upload.length = length }
        self.uploads[id] = upload
        return .accepted(upload)
    }

    mutating func delete(id: String) {
        self.uploads[id] = nil
    }
}
