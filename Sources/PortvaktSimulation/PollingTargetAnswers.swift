extension StandInResponder {
    /// The other endpoints suppliers typically poll, each with an answer that never changes: Events pull,
    /// Storage's instance query, an app's active instances and process step, and a system-user request's status.
    func pollingTargetAnswer(to request: StandInRequest) -> StandInAnswer {
        switch request.route {
        case .eventsPull:
            // No new events, so the cursor stays where it is: `next` names the same query (always present,
            // even when empty, as in Altinn Events).
            return .json(.ok, "[]", headers: [("next", self.baseURL + request.head.uri)])
        case .storageInstances:
            let text =
                "{\"count\":0,\"self\":\(JSONText.quoted(self.baseURL + request.head.uri)),\"next\":null,"
                + "\"instances\":[]}"
            return .json(.ok, text)
        case .appActiveInstances:
            return .json(.ok, "[]")
        case .appProcessNext(_, let instanceId):
            let text =
                "{\"currentTask\":null,\"processEndEvent\":\"EndEvent_1\","
                + "\"started\":\(JSONText.quoted(FakeClock.timestamp(secondsAfterStart: 0))),"
                + "\"ended\":\(JSONText.quoted(FakeClock.timestamp(secondsAfterStart: 60))),"
                + "\"instanceId\":\(JSONText.quoted(instanceId))}"
            return .json(.ok, text)
        case .systemUserRequest(let id):
            let text =
                "{\"id\":\(JSONText.quoted(id)),\"externalRef\":\"stand-in\",\"systemId\":\"312345676_stand_in\","
                + "\"partyOrgNo\":\"313999998\",\"status\":\"New\",\"redirectUrl\":null}"
            return .json(.ok, text)
        default:
            preconditionFailure("not a polling-target route: \(request.route)")
        }
    }
}
