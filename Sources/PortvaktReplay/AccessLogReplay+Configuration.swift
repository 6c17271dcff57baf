import PortvaktConfig
import PortvaktCore
import PortvaktReport

extension AccessLogReplay {
    /// Replays the access log at `path` under everything `configuration` says: its limits, polling thresholds,
    /// sanction ladder (none when sanctions are disabled) and the terms' other rules. Nil when a limit is beyond
    /// the limiter's exact range (`check-config` reports which).
    public static func report(ofFile path: String, configuration: PortvaktConfiguration) throws -> ThrottleReport? {
        guard let rules = RateLimitRuleSet(configuration: configuration.limits) else { return nil }
        return try report(
            ofFile: path, rules: rules, polling: PollingThresholds(configuration: configuration.polling),
            sanctions: configuration.sanctions.enabled ? SanctionLadder(configuration: configuration.sanctions) : nil,
            termsRules: TermsRules.Settings(configuration: configuration.rules))
    }
}
