extension StandInResponder {
    /// Altinn Melding: the id list (`{"ids":[...]}`, no paging, as the real API) and one correspondence's
    /// overview. Like the real service, every answer says `Cache-Control: no-store`.
    func correspondenceAnswer(to request: StandInRequest) -> StandInAnswer {
        let noStore = [("cache-control", "no-store")]
        switch request.route {
        case .correspondenceList:
            return .json(.ok, "{\"ids\":\(JSONText.array(Self.correspondenceIDs))}", headers: noStore)
        case .correspondenceOverview(let id):
            let index = Self.correspondenceIDs.firstIndex(of: id) ?? 0
            let text =
                "{\"correspondenceId\":\(JSONText.quoted(id)),\"resourceId\":\"stand-in-correspondence\","
                + "\"sender\":\"0192:991825827\",\"sendersReference\":\"stand-in-\(index + 1)\","
                + "\"recipient\":\"0192:313999998\",\"status\":\"Published\","
                + "\"created\":\(JSONText.quoted(FakeClock.timestamp(secondsAfterStart: index * 600))),"
                + "\"content\":{\"language\":\"nb\",\"messageTitle\":\"Melding \(index + 1)\"}}"
            return .json(.ok, text, headers: noStore)
        default:
            preconditionFailure("not a Correspondence route: \(request.route)")
        }
    }

    /// The ids the list answers with; the overview answers for any id.
    static let correspondenceIDs = (1...3).map { DeterministicUUID.make("correspondence-\($0)") }
}
