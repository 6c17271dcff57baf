extension PortvaktConfiguration {
    /// The products a limit rule or a maintenance window may name, spelled as PortvaktCore's products and the
    /// access log spell them. Kept here as text, the one list the config checks against, so that this module does
    /// not wait for Core's `Product` type; the proxy maps the names onto it.
    public static let productNames = [
        "dialogporten", "correspondence", "broker", "events", "storage", "apps", "authentication", "unknown",
    ]
}
