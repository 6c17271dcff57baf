import Foundation
import PortvaktCore
import PortvaktReport
import Testing

@testable import PortvaktReplay

@Suite struct AccessLogReplayTests {
    private typealias F = ReplayFixture

    private func report(_ lines: [String], rules: [RateLimitRule]) throws -> ThrottleReport {
        let path = try F.temporaryFile(lines.joined(separator: "\n") + "\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try AccessLogReplay.report(ofFile: path, rules: RateLimitRuleSet(rules: rules))
    }

    private func supplier(_ report: ThrottleReport, _ name: String) -> ThrottleReport.Supplier? {
        report.suppliers.first { $0.supplier == name }
    }

    /// 2 per 10 s, burst 2: one token every 5 s. At t=0 two tokens, the third request finds none; at t=5 s
    /// one token is back, so the fourth request gets it and the fifth is refused.
    @Test func refusesExactlyTheRequestsWithoutAToken() throws {
        let lines = [0, 0, 0, 5, 5].map { F.line(at: $0) }
        let report = try report(lines, rules: [F.rule("burst", count: 2, per: 10, burst: 2)])
        #expect(report.suppliers.count == 1)
        #expect(supplier(report, "312345676")?.requests == 5)
        #expect(supplier(report, "312345676")?.wouldThrottle == 2)
        #expect(report.rules == [.init(rule: "burst", shadow: false, refusals: 2)])
        #expect(report.from == F.start)
        #expect(report.until == F.start + 5 * F.second)
    }

    @Test func theRequestJustBeforeTheTokenIsBackIsRefused() throws {
        let lines = [0, 0, 4.999, 5].map { F.line(at: $0) }
        let report = try report(lines, rules: [F.rule("burst", count: 2, per: 10, burst: 2)])
        #expect(supplier(report, "312345676")?.wouldThrottle == 1)
    }

    /// Terms §2.2, advisory: listing Melding for ten customers without ever reading Dialogporten's dialog list.
    @Test func listingMeldingForTheOverviewIsReported() throws {
        let list = "/correspondence/api/v1/correspondence"
        var lines = (0..<10).map { F.line(at: Double($0), customer: "31000000\($0)", path: list) }
        lines += (0..<10).map { F.line(at: Double($0), supplier: "313000001", customer: "31000000\($0)", path: list) }
        lines.append(F.line(at: 11, supplier: "313000001"))  // reads the dialog list too
        let report = try report(lines, rules: [])
        let violations = try #require(supplier(report, "312345676")?.violations)
        #expect(violations.map(\.rule) == ["2.2-melding-overview"])
        #expect(violations.first?.customers == 10)
        #expect(violations.first?.route == "correspondence.correspondence.list")
        #expect(violations.first?.medianIntervalSeconds == nil)
        #expect(supplier(report, "313000001")?.violations.isEmpty == true)
        #expect(report.jsonText.contains(#""median_interval_s":null"#))
        #expect(report.jsonText.contains(#""advisory":true"#))
    }

    /// Terms §7.1: browser-like requests to pages outside the APIs; advisory by default, on the ladder when
    /// the config lets the rule escalate.
    @Test func scrapingIsReportedAndEscalatesWhenConfigured() throws {
        var lines = (0..<10).map {
            F.line(at: Double($0), path: "/ui/inbox?page=\($0)", status: 404, browserLike: true)
        }
        lines.append(F.line(at: 11, supplier: "313000001", path: "/ui/inbox", browserLike: false))
        let path = try F.temporaryFile(lines.joined(separator: "\n"))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let ladder = SanctionLadder(
            steps: [.init(level: .notice, after: 1)], windowNanoseconds: 3600 * F.second,
            recountNanoseconds: 60 * F.second, forgiveAfterNanoseconds: 7200 * F.second)
        let advisory = try AccessLogReplay.report(ofFile: path, rules: RateLimitRuleSet(rules: []), sanctions: ladder)
        let violations = try #require(supplier(advisory, "312345676")?.violations)
        #expect(violations.map(\.rule) == ["7.1-scraping"])
        #expect(violations.first?.isAdvisory == true)
        #expect(violations.first?.requests == 10)
        #expect(supplier(advisory, "312345676")?.level == nil)
        #expect(supplier(advisory, "313000001")?.violations.isEmpty == true)

        let escalating = try AccessLogReplay.report(
            ofFile: path, rules: RateLimitRuleSet(rules: []), sanctions: ladder,
            termsRules: .init(meldingOverview: nil, scraping: .init(minimum: 10, escalates: true)))
        #expect(supplier(escalating, "312345676")?.level == .notice)
        #expect(supplier(escalating, "312345676")?.violations.first?.isAdvisory == false)
    }

    @Test func eachSupplierHasItsOwnBucket() throws {
        let lines = [
            F.line(at: 0, supplier: "111111111"), F.line(at: 0, supplier: "111111111"),
            F.line(at: 0, supplier: "222222222"), F.line(at: 0.5, supplier: "111111111"),
            F.line(at: 1, supplier: "222222222"),
        ]
        let report = try report(lines, rules: [F.rule("one-a-minute", count: 1, per: 60, burst: 1)])
        #expect(report.suppliers.map(\.supplier) == ["111111111", "222222222"])
        #expect(report.suppliers.map(\.requests) == [3, 2])
        #expect(report.suppliers.map(\.wouldThrottle) == [2, 1])
    }

    @Test func shadowRefusalsCountAsWouldThrottle() throws {
        let lines = [0, 0, 0].map { F.line(at: $0) }
        let report = try report(
            lines,
            rules: [
                F.rule("enforced", count: 100, per: 1, burst: 100),
                F.rule("trial", count: 1, per: 60, burst: 1, shadow: true),
            ])
        #expect(supplier(report, "312345676")?.wouldThrottle == 2)
        #expect(report.rules == [.init(rule: "trial", shadow: true, refusals: 2)])
    }

    @Test func aRequestRefusedByTwoRulesCountsOnceAndForEachRule() throws {
        let lines = [0, 0].map { F.line(at: $0) }
        let report = try report(
            lines,
            rules: [
                F.rule("a", count: 1, per: 60, burst: 1), F.rule("b", count: 1, per: 60, burst: 1, shadow: true),
            ])
        #expect(supplier(report, "312345676")?.wouldThrottle == 1)
        #expect(report.rules.map(\.rule) == ["a", "b"])
        #expect(report.rules.map(\.refusals) == [1, 1])
    }

    @Test func routesAreDerivedFromTheCatalogueWhenTheLogHasNone() throws {
        let details = "/broker/api/v1/filetransfer/0b7a1c62-1f3e-4c7e-9a51-3d2f8f0e6c11/details"
        let lines = [
            F.line(at: 0, path: details), F.line(at: 1, path: details),
            F.line(at: 2, path: "/broker/api/v1/filetransfer"),  // another route: no match
            F.line(at: 3, path: "/dialogporten/api/v1/enduser/dialogs?party=urn:x"),
            F.line(at: 4, path: "/dialogporten/api/v1/enduser/dialogs"),
        ]
        let report = try report(
            lines,
            rules: [
                F.rule(
                    "details", .init(product: .broker, route: RoutePattern("/broker/api/v1/filetransfer/*/details")),
                    count: 1, per: 60, burst: 1),
                F.rule(
                    "search", .init(route: RoutePattern("dialogporten.enduser.dialogs.search")), count: 1, per: 60,
                    burst: 1),
            ])
        #expect(supplier(report, "312345676")?.wouldThrottle == 2)
        #expect(report.rules.map(\.rule).sorted() == ["details", "search"])
    }

    @Test func theLoggedRouteIsUsedWhenPresent() throws {
        let lines = [0, 1].map {
            F.line(at: $0, path: "/somewhere/else", route: ("dialogporten", "dialogporten.enduser.dialogs.search"))
        }
        let report = try report(
            lines,
            rules: [F.rule("dialogporten", .init(product: .dialogporten), count: 1, per: 60, burst: 1)])
        #expect(supplier(report, "312345676")?.wouldThrottle == 1)
    }

    @Test func theLogsDecisionsAreTalliedApartFromWouldThrottle() throws {
        let lines = ["allowed", "shadow", "throttled", "blocked", "maintenance"].enumerated().map {
            F.line(at: Double($0.offset), decision: $0.element)
        }
        let report = try report(lines, rules: [])
        let tally = try #require(supplier(report, "312345676"))
        #expect(
            tally
                == ThrottleReport.Supplier(
                    supplier: "312345676", requests: 5, allowed: 2, throttled: 1, blocked: 1,
                    usage: [.init(hour: F.start, requests: 5, allowed: 2, throttled: 1, blocked: 1)]))
    }

    /// The report's history: the hours of traffic and each stretch at a level, the cut-off with its notice.
    @Test func theLadderClimbedIsReportedAsStretchesWithTheirNotices() throws {
        // One series read every 10 s with nothing new: polling from the fourth read on, recorded each minute.
        let lines = (0..<30).map { F.line(at: Double($0) * 10, customer: "313999998") }
        let path = try F.temporaryFile(lines.joined(separator: "\n"))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let ladder = SanctionLadder(
            steps: [
                .init(level: .notice, after: 1), .init(level: .cutoff, after: 2, durationNanoseconds: 120 * F.second),
            ],
            windowNanoseconds: 3600 * F.second, recountNanoseconds: 60 * F.second,
            forgiveAfterNanoseconds: 7200 * F.second)
        let report = try AccessLogReplay.report(
            ofFile: path, rules: RateLimitRuleSet(rules: []),
            polling: PollingThresholds(minRequests: 4, maxIntervalNanoseconds: 600 * F.second, unchangedRatio: 0.7),
            sanctions: ladder)
        let tally = try #require(supplier(report, "312345676"))
        #expect(tally.usage.map(\.requests) == [30])
        // Back on notice when the cut-off ends, and, polling on, cut off again.
        #expect(tally.sanctions.map(\.level) == [.notice, .cutoff, .notice, .cutoff])
        #expect(tally.sanctions[0].until == tally.sanctions[1].since)
        #expect(tally.sanctions[1].until.map { $0 - tally.sanctions[1].since } == 120 * F.second)
        #expect(tally.sanctions[2].since == tally.sanctions[1].until)
        #expect(tally.cutoffNotices.count == 2)
        #expect(report.html.contains("<svg"))
    }

    @Test func requestsWithoutASupplierAreAnonymousAndShareOneBucket() throws {
        let lines = [F.line(at: 0, supplier: nil), F.line(at: 1, supplier: nil)]
        let report = try report(lines, rules: [F.rule("all", key: .ip, count: 1, per: 60, burst: 1)])
        #expect(report.suppliers.map(\.supplier) == ["anonymous"])
        #expect(report.suppliers.map(\.wouldThrottle) == [1])
    }

    @Test func clientIDKeysSeparateIntegrationsOfOneSupplier() throws {
        let lines = [F.line(at: 0, clientID: "a"), F.line(at: 0, clientID: "b"), F.line(at: 1, clientID: "a")]
        let report = try report(lines, rules: [F.rule("per-client", key: .clientID, count: 1, per: 60, burst: 1)])
        #expect(supplier(report, "312345676")?.wouldThrottle == 1)
    }

    /// Lines are written at request start by several threads, so time can step back a little. The late
    /// line finds the bucket as the later request left it, 5 s ahead: in order, both requests would have
    /// had a token; in log order the second is refused. Stricter, never more lenient, never an error.
    @Test func timeSteppingBackIsJudgedAgainstTheBucketAsItIs() throws {
        let lines = [F.line(at: 5), F.line(at: 4.990), F.line(at: 10)]
        let report = try report(lines, rules: [F.rule("burst", count: 2, per: 10, burst: 2)])
        #expect(supplier(report, "312345676")?.requests == 3)
        #expect(supplier(report, "312345676")?.wouldThrottle == 1)
        #expect(report.from == F.start + 4_990_000_000)
        #expect(report.until == F.start + 10 * F.second)
    }

    @Test func emptyLinesAreSkippedAndABadLineIsNamedByItsNumber() throws {
        let lines = [F.line(at: 0), "", "  ", F.line(at: 1), "{\"time\":\"yesterday\"}"]
        let path = try F.temporaryFile(lines.joined(separator: "\n"))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(
            throws: ReplayError.badLine(path: path, line: 5, problem: .notATimestamp),
            performing: { try AccessLogReplay.report(ofFile: path, rules: RateLimitRuleSet(rules: [])) })
        #expect(try self.report([F.line(at: 0), "", F.line(at: 1)], rules: []).suppliers.map(\.requests) == [2])
    }

    @Test func anEmptyLogGivesAnEmptyReport() throws {
        let report = try report([], rules: [])
        #expect(report.from == nil && report.until == nil && report.suppliers.isEmpty && report.rules.isEmpty)
    }

    @Test func aMissingFileCannotBeRead() {
        #expect(throws: ReplayError.cannotRead(path: "/nonexistent/log.jsonl", reason: "No such file or directory")) {
            try AccessLogReplay.report(ofFile: "/nonexistent/log.jsonl", rules: RateLimitRuleSet(rules: []))
        }
    }
}
