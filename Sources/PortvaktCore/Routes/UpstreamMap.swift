/// Where a request goes upstream: platform products to `platform` + target, apps to the `apps` template
/// with `{org}` replaced by the first path segment (the app owner, as in `https://ttd.apps.tt02.altinn.no`).
///
/// Requests that name no valid app owner go to the platform, which answers 404: a first path segment only
/// ever becomes part of a host name when it is a plain DNS label, so a path cannot point the proxy elsewhere.
public struct UpstreamMap: Sendable {
    /// A string with at most one `{org}`, split around it.
    private struct Template: Sendable {
        let head: String
        /// What follows `{org}`; nil when there is no `{org}`.
        let tail: String?

        init(_ text: Substring) {
            let parts = text.split(separator: "{org}", maxSplits: 1, omittingEmptySubsequences: false)
            head = String(parts[0])
            tail = parts.count == 2 ? String(parts[1]) : nil
        }

        func filled(with owner: Substring) -> String {
            tail.map { head + owner + $0 } ?? head
        }
    }

    /// A class, so that the map is two references: the proxy reads it on every request, and a copy of the
    /// structs would retain their eight strings each time.
    private final class Base: Sendable {
        let url: Template
        let host: Template

        init(url: Template, host: Template) {
            self.url = url
            self.host = host
        }
    }

    private let platform: Base
    private let apps: Base

    /// Validates both base URLs: `http` or `https`, a host, no query, fragment or user info, and `{org}`
    /// once in `apps` (usually in the host) and not in `platform`. A trailing `/` is dropped, a path prefix kept.
    public init(platform: String, apps: String) throws(UpstreamConfigurationError) {
        self.platform = try Self.base(platform, key: "platform", needsOrg: false)
        self.apps = try Self.base(apps, key: "apps", needsOrg: true)
    }

    /// The full upstream URL for a request target (path and query, as received).
    public func url(product: Product, target: String) -> String {
        if product == .apps, let owner = Self.appOwner(in: target) {
            return apps.url.filled(with: owner) + target
        }
        return platform.url.head + target
    }

    /// The upstream host (with its port, if the base URL names one), as the access log's `host`.
    public func host(product: Product, target: String) -> String {
        if product == .apps, let owner = Self.appOwner(in: target) {
            return apps.host.filled(with: owner)
        }
        return platform.host.head
    }

    /// The first path segment when it can be an app owner: a DNS label.
    private static func appOwner(in target: String) -> Substring? {
        let path = target.prefix { $0 != "?" }
        guard let owner = path.split(separator: "/", maxSplits: 1).first,
            owner.utf8.count <= 63, owner.utf8.allSatisfy(\.isDNSLabelCharacter)
        else { return nil }
        return owner
    }

    private static func base(
        _ url: String,
        key: String,
        needsOrg: Bool
    ) throws(UpstreamConfigurationError) -> Base {
        func invalid(_ reason: String) -> UpstreamConfigurationError {
            UpstreamConfigurationError(key: key, value: url, reason: reason)
        }
        let lowercased = url.lowercased()
        guard let scheme = ["https://", "http://"].first(where: lowercased.hasPrefix) else {
            throw invalid("must start with http:// or https://")
        }
        if let character = url.first(where: { $0.isWhitespace || $0 == "?" || $0 == "#" || $0 == "@" }) {
            throw invalid("must not contain \(character == "@" ? "user info" : "'\(character)'")")
        }
        var trimmed = Substring(url)
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        let afterScheme = trimmed.dropFirst(scheme.count)
        let authority = afterScheme.prefix { $0 != "/" }
        guard !authority.isEmpty, !authority.hasPrefix(":") else { throw invalid("has no host") }

        switch (needsOrg, trimmed.ranges(of: "{org}").count) {
        case (false, 0), (true, 1):
            return Base(url: Template(trimmed), host: Template(authority))
        case (false, _):
            throw invalid("must not contain {org}: the platform host serves every organisation")
        case (true, 0):
            throw invalid("must contain {org} (the app owner), e.g. https://{org}.apps.tt02.altinn.no")
        default:
            throw invalid("must contain {org} once")
        }
    }
}

/// A base URL in `upstreams` that cannot work; `description` says which, what and why.
public struct UpstreamConfigurationError: Error, Equatable, CustomStringConvertible {
    /// The key under `upstreams`: `platform` or `apps`.
    public let key: String
    public let value: String
    public let reason: String

    public var description: String {
        "upstreams.\(key) \"\(value)\" \(reason)"
    }
}
