import PortvaktCore

extension MaintenanceSchedule {
    /// The `maintenance` windows as the proxy checks them.
    public init(configuration windows: [PortvaktConfiguration.MaintenanceWindow]) {
        self.init(
            windows.compactMap { window in
                Product(rawValue: window.product).map {
                    Window(product: $0, from: window.fromNanoseconds, until: window.untilNanoseconds)
                }
            })
    }
}
