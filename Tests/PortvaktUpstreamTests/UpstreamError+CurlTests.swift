import CCurlShim
import Testing

@testable import PortvaktUpstream

@Suite struct UpstreamErrorCurlTests {
    private func kind(_ error: UpstreamError?) -> String {
        switch error {
        case nil: "none"
        case .unreachable: "unreachable"
        case .timedOut: "timedOut"
        case .failed: "failed"
        case .cancelled: "cancelled"
        }
    }

    @Test func mapsCurlResultsToWhatTheClientIsTold() {
        #expect(kind(UpstreamError(curlCode: CURLE_OK, headDelivered: true)) == "none")
        #expect(kind(UpstreamError(curlCode: CURLE_OPERATION_TIMEDOUT, headDelivered: false)) == "timedOut")
        #expect(kind(UpstreamError(curlCode: CURLE_COULDNT_CONNECT, headDelivered: false)) == "unreachable")
        #expect(kind(UpstreamError(curlCode: CURLE_COULDNT_RESOLVE_HOST, headDelivered: false)) == "unreachable")
        #expect(kind(UpstreamError(curlCode: CURLE_PEER_FAILED_VERIFICATION, headDelivered: false)) == "unreachable")
        #expect(kind(UpstreamError(curlCode: CURLE_PARTIAL_FILE, headDelivered: true)) == "failed")
    }

    @Test func aResetIsUnreachableBeforeTheAnswerAndAFailureAfterIt() {
        for code in [CURLE_GOT_NOTHING, CURLE_RECV_ERROR, CURLE_SEND_ERROR] {
            #expect(kind(UpstreamError(curlCode: code, headDelivered: false)) == "unreachable")
            #expect(kind(UpstreamError(curlCode: code, headDelivered: true)) == "failed")
        }
    }

    @Test func saysWhatCurlMeansByOutOfMemory() {
        #expect(
            UpstreamError(curlCode: CURLE_OUT_OF_MEMORY, headDelivered: false)
                == .failed("Out of memory, or an answer header line over 100 KiB"))
    }

    @Test func carriesCurlsOwnWords() {
        #expect(
            UpstreamError(curlCode: CURLE_COULDNT_CONNECT, headDelivered: false)
                == .unreachable("Couldn't connect to server"))
    }
}
