import NIOHTTP1

extension StandInResponder {
    /// Broker's TUS 1.0.0 endpoint: `OPTIONS` (capabilities), `POST` (creation with `Upload-Length`), `HEAD`
    /// (offset), `PATCH` (append; `Upload-Offset` must match, else 409), `DELETE` (termination).
    func tusAnswer(to request: StandInRequest) -> StandInAnswer {
        let resumable = ("tus-resumable", "1.0.0")
        let headers = request.head.headers
        switch request.route {
        case .tusOptions:
            return .empty(
                .noContent,
                headers: [
                    resumable, ("tus-version", "1.0.0"),
                    ("tus-extension", "creation,termination"), ("tus-max-size", "2147483648"),
                ]
            )
        case .tusCreate(let id):
            guard let length = headers.first(name: "upload-length").flatMap(Int.init), length >= 0 else {
                return .problem(.badRequest, detail: "Upload-Length is required (deferred length is not supported).")
            }
            _ = self.state.tusUploads.withLockedValue { $0.create(id: id, length: length) }
            return .empty(
                .created,
                headers: [
                    resumable, ("upload-offset", "0"),
                    ("location", "\(self.baseURL)/broker/api/v1/filetransfer/upload/tus/\(id)"),
                ]
            )
        case .tusOffset(let id):
            let upload = self.state.tusUploads.withLockedValue { $0.upload(id: id) }
            return .empty(.ok, headers: [resumable, ("cache-control", "no-store")] + Self.headers(of: upload))
        case .tusPatch(let id):
            guard let claimedOffset = headers.first(name: "upload-offset").flatMap(Int.init) else {
                return .problem(.badRequest, detail: "Upload-Offset is required.", headers: [resumable])
            }
            let length = headers.first(name: "upload-length").flatMap(Int.init)
            let outcome = self.state.tusUploads.withLockedValue {
                $0.patch(id: id, claimedOffset: claimedOffset, byteCount: request.body.byteCount, length: length)
            }
            switch outcome {
            case .accepted(let upload):
                return .empty(.noContent, headers: [resumable] + Self.headers(of: upload))
            case .conflict(let upload):
                return .problem(
                    .conflict,
                    detail: "Upload-Offset \(claimedOffset) does not match the upload's offset \(upload.offset).",
                    headers: [resumable] + Self.headers(of: upload)
                )
            }
        case .tusDelete(let id):
            self.state.tusUploads.withLockedValue { $0.delete(id: id) }
            return .empty(.noContent, headers: [resumable])
        default:
            preconditionFailure("not a TUS route: \(request.route)")
        }
    }

    private static func headers(of upload: TusUploadLedger.Upload) -> [(String, String)] {
        var headers = [("upload-offset", String(upload.offset))]
        if let length = upload.length {
            headers.append(("upload-length", String(length)))
        } else {
            headers.append(("upload-defer-length", "1"))
        }
        return headers
    }
}
