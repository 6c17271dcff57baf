/// The `route` of a limit rule's `match`: a catalogue route name, a glob over names, or a glob over paths.
///
/// A pattern that starts with `/` is a path glob: `*` stands for exactly one path segment, `**` for any
/// number of them (none included); the query is never part of the match, and empty segments are skipped
/// as the route catalogue skips them. Anything else is a route name, where `*` stands for any run of
/// characters (`broker.filetransfer.*`).
public enum RoutePattern: Sendable, Hashable {
    case routeName(String)
    case routeNameGlob([Substring])
    case pathGlob([PathSegmentPattern])

    public enum PathSegmentPattern: Sendable, Hashable {
        /// The segment's UTF-8 bytes: compared byte for byte, as paths are case-sensitive.
        case literal([UInt8])
        /// `*`: one segment.
        case anySegment
        /// `**`: zero or more segments.
        case anySegments
    }

    public init(_ text: String) {
        if text.hasPrefix("/") {
            self = .pathGlob(
                text.split(separator: "/").map { segment in
                    switch segment {
                    case "*": .anySegment
                    case "**": .anySegments
                    default: .literal(Array(segment.utf8))
                    }
                })
        } else if text.contains("*") {
            self = .routeNameGlob(text.split(separator: "*", omittingEmptySubsequences: false))
        } else {
            self = .routeName(text)
        }
    }

    /// Whether the pattern can match any route of the catalogue: a name glob some catalogue name fits, or a
    /// path glob under a platform product that some endpoint's path fits (a `{param}` segment fits anything).
    /// A route name, and a path glob outside the platform products (an app's paths are the app's own), are
    /// taken as they are.
    public func matchesSomeRoute(in catalogue: RouteCatalogue) -> Bool {
        switch self {
        case .routeName: return true
        case .routeNameGlob(let pieces):
            return catalogue.routes.contains { Self.glob(pieces, matches: Substring($0.name)) }
        case .pathGlob(let segments):
            guard case .literal(let first)? = segments.first,
                Product.allCases.contains(where: { $0.isPlatform && Array($0.rawValue.utf8) == first })
            else { return true }
            return RouteCatalogue.platformPathTemplates.contains { template in
                Self.segments(segments[...], fit: template.split(separator: "/")[...])
            }
        }
    }

    /// Whether glob segments fit a catalogue path's segments, where `{param}` stands for any one segment.
    private static func segments(_ glob: ArraySlice<PathSegmentPattern>, fit template: ArraySlice<Substring>) -> Bool {
        guard let first = glob.first else { return template.isEmpty }
        switch first {
        case .anySegments:
            return (template.startIndex...template.endIndex).contains {
                segments(glob.dropFirst(), fit: template[$0...])
            }
        case .anySegment:
            return !template.isEmpty && segments(glob.dropFirst(), fit: template.dropFirst())
        case .literal(let bytes):
            guard let segment = template.first else { return false }
            let fits = segment.hasPrefix("{") || Array(segment.utf8) == bytes
            return fits && segments(glob.dropFirst(), fit: template.dropFirst())
        }
    }

    /// The number of segments every path this pattern matches has: a path glob's, unless it holds `**`.
    var fixedPathSegmentCount: Int? {
        guard case .pathGlob(let segments) = self, !segments.contains(.anySegments) else { return nil }
        return segments.count
    }

    /// Whether a path glob is part of the pattern, so that matching needs the target's path segments.
    var isPathGlob: Bool {
        if case .pathGlob = self { true } else { false }
    }

    /// Whether a request whose catalogue route is `routeName` and whose path has `pathSegments` matches.
    public func matches(routeName: String, pathSegments: [Substring.UTF8View]) -> Bool {
        switch self {
        case .routeName(let name):
            name == routeName
        case .routeNameGlob(let pieces):
            Self.glob(pieces, matches: Substring(routeName))
        case .pathGlob(let segments):
            Self.segments(segments[...], match: pathSegments[...])
        }
    }

    /// Whether a request whose catalogue route is `routeName` and whose path has `segments` matches: what
    /// `matches(routeName:pathSegments:)` answers, on segments found in place once for all the patterns a
    /// request meets. They may be nil for a pattern that is no path glob.
    func matches(routeName: String, segments: PathSegments?) -> Bool {
        switch self {
        case .routeName(let name):
            name == routeName
        case .routeNameGlob(let pieces):
            Self.glob(pieces, matches: Substring(routeName))
        case .pathGlob(let pattern):
            pattern.withUnsafeBufferPointer { Self.segments($0, from: 0, match: segments!, at: 0) }
        }
    }

    /// Whether `pattern` from `index` on matches the path's segments from `segment` on.
    private static func segments(
        _ pattern: UnsafeBufferPointer<PathSegmentPattern>, from index: Int, match path: PathSegments, at segment: Int
    ) -> Bool {
        guard index < pattern.count else { return segment == path.count }
        switch pattern[index] {
        case .literal(let literal):
            guard segment < path.count, literal.withUnsafeBufferPointer({ path.segment(segment, is: $0) }) else {
                return false
            }
            return segments(pattern, from: index + 1, match: path, at: segment + 1)
        case .anySegment:
            return segment < path.count && segments(pattern, from: index + 1, match: path, at: segment + 1)
        case .anySegments:
            return (segment...path.count).contains { segments(pattern, from: index + 1, match: path, at: $0) }
        }
    }

    /// The non-empty `/`-separated segments of a request target's path (before the query).
    public static func pathSegments(of target: Substring) -> [Substring.UTF8View] {
        target.utf8.prefix { $0 != UInt8(ascii: "?") }.split(separator: UInt8(ascii: "/"))
    }

    private static func segments(
        _ pattern: ArraySlice<PathSegmentPattern>, match path: ArraySlice<Substring.UTF8View>
    ) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        switch first {
        case .literal(let literal):
            guard let segment = path.first, segment.elementsEqual(literal) else { return false }
            return segments(pattern.dropFirst(), match: path.dropFirst())
        case .anySegment:
            guard !path.isEmpty else { return false }
            return segments(pattern.dropFirst(), match: path.dropFirst())
        case .anySegments:
            return (0...path.count).contains { skipped in
                segments(pattern.dropFirst(), match: path.dropFirst(skipped))
            }
        }
    }

    /// `pieces` are the literal parts between the `*`s: the first must be a prefix, the last a suffix, and
    /// the others must appear in order in between.
    private static func glob(_ pieces: [Substring], matches name: Substring) -> Bool {
        guard let first = pieces.first, let last = pieces.last, pieces.count >= 2 else {
            return pieces.first.map { $0 == name } ?? name.isEmpty
        }
        guard name.hasPrefix(first), name.dropFirst(first.count).hasSuffix(last) else { return false }
        var rest = name.dropFirst(first.count).dropLast(last.count)
        for piece in pieces.dropFirst().dropLast() where !piece.isEmpty {
            guard let found = rest.firstRange(of: piece) else { return false }
            rest = rest[found.upperBound...]
        }
        return true
    }
}
