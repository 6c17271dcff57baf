extension PortvaktConfiguration {
    /// What a reload from this running config to `new` puts in force: `new`, except for the keys only a restart
    /// can change, which keep their running values and are named in `needsRestart`. Those are the listeners'
    /// addresses, the threads, the drain timeout, the curl engines' settings, the state file, the access log
    /// (whose pseudonym key the token verifier shares) and the cluster.
    public func reloaded(to new: PortvaktConfiguration) -> (effective: PortvaktConfiguration, needsRestart: [String]) {
        var effective = new
        var needsRestart: [String] = []
        func keep<Value: Equatable>(_ key: String, _ path: WritableKeyPath<PortvaktConfiguration, Value>) {
            guard new[keyPath: path] != self[keyPath: path] else { return }
            effective[keyPath: path] = self[keyPath: path]
            needsRestart.append(key)
        }
        keep("listen", \.listen)
        keep("admin.listen", \.admin.listen)
        keep("server.threads", \.server.threads)
        keep("server.drain_timeout", \.server.drainTimeout)
        keep("upstreams.connect_timeout", \.upstreams.connectTimeout)
        keep("upstreams.read_timeout", \.upstreams.readTimeout)
        keep("upstreams.max_connections_per_host", \.upstreams.maxConnectionsPerHost)
        keep("upstreams.ca_file", \.upstreams.caFile)
        keep("state", \.state)
        keep("access_log", \.accessLog)
        keep("cluster", \.cluster)
        return (effective, needsRestart)
    }
}
