import CCurlShim

extension UpstreamError {
    /// What a finished transfer's curl result means for the client: `nil` for success, unreachable (→ 502) for
    /// failures before any answer, a timeout (→ 504), or a failure mid-answer.
    init?(curlCode code: CURLcode, headDelivered: Bool) {
        let message = String(cString: curl_easy_strerror(code))
        switch code {
        case CURLE_OK: return nil
        case CURLE_OPERATION_TIMEDOUT: self = .timedOut(message)
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY,
            CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE:
            self = .unreachable(message)
        case CURLE_OUT_OF_MEMORY:
            // curl 7.88 says this, too, of an answer header line over its limit of 100 KiB.
            self = .failed("\(message), or an answer header line over 100 KiB")
        case CURLE_GOT_NOTHING, CURLE_RECV_ERROR, CURLE_SEND_ERROR:
            // Reset before any answer: nothing came back, as with a refused connection.
            self = headDelivered ? .failed(message) : .unreachable(message)
        default: self = .failed(message)
        }
    }
}
