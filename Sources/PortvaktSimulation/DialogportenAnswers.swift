import NIOHTTP1

extension StandInResponder {
    /// Dialogporten: the search list (strong `ETag` over the body), details (`ETag` = bare revision UUID, as
    /// Dialogporten sends it), and the service-owner writes that change what the list shows.
    func dialogportenAnswer(to request: StandInRequest) -> StandInAnswer {
        switch request.route {
        case .dialogList:
            let party = request.target.queryValue("party") ?? ""
            let limit = min(max(Int(request.target.queryValue("limit") ?? "") ?? 100, 1), 1000)
            let offset = max(Int(request.target.queryValue("continuationToken") ?? "") ?? 0, 0)
            let list = self.state.dialogs.withLockedValue { $0.list(party: party, limit: limit, offset: offset) }
            var head = HTTPResponseHead(version: .http1_1, status: .ok)
            head.headers.add(name: "content-type", value: "application/json; charset=utf-8")
            head.headers.add(name: "content-length", value: String(list.body.readableBytes))
            head.headers.add(name: "etag", value: list.etag)
            return .complete(head, body: list.body)
        case .dialogDetails(let id):
            let dialog = self.state.dialogs.withLockedValue { $0.dialog(id: id) }
            guard let dialog else { return .problem(.notFound, detail: "No dialog with id \(id).") }
            return .json(
                .ok,
                DialogLedger.json(for: dialog, party: Self.defaultParty, detailed: true),
                headers: [("etag", dialog.revision)]
            )
        case .dialogCreate:
            let dialog = self.state.dialogs.withLockedValue { $0.create() }
            return .json(
                .created,
                JSONText.quoted(dialog.id),
                headers: [
                    ("location", "\(self.baseURL)/dialogporten/api/v1/serviceowner/dialogs/\(dialog.id)"),
                    ("etag", dialog.revision),
                ]
            )
        case .dialogUpdate(let id):
            let dialog = self.state.dialogs.withLockedValue { $0.update(id: id) }
            guard let dialog else { return .problem(.notFound, detail: "No dialog with id \(id).") }
            return .empty(.noContent, headers: [("etag", dialog.revision)])
        default:
            preconditionFailure("not a Dialogporten route: \(request.route)")
        }
    }

    /// The party shown on dialog details (the details URL names no party).
    static let defaultParty = "urn:altinn:organization:identifier-no:313999998"
}
