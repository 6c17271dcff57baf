import PortvaktCore

/// One supplier's traffic over time as an inline SVG: a stacked bar per hour (allowed, throttled, blocked,
/// and the rest of its requests), and under the time axis a band coloured by the sanction level it stood at.
/// Every supplier's chart spans the same `span`, so their times line up down the page.
struct UsageChart {
    /// The hours shown: from the first hour's start to the last hour's end.
    var span: Range<Int64>
    var usage: [ThrottleReport.UsageHour]
    var sanctions: [ThrottleReport.SanctionPeriod]
    /// What screen readers say the chart is.
    var label: String
    /// Unique on the page: names the hatching of manual sanctions.
    var number: Int
    /// The bars drawn: the hours themselves, or, over a long span, runs of `hoursPerBar` hours summed, so
    /// that a chart never holds more than `maxBars` bars (a month of hours is 720, under two pixels each).
    private let bars: [ThrottleReport.UsageHour]
    private let hoursPerBar: Int
    static let maxBars = 240
    /// The top of the requests axis and its step, worked out once: every bar is placed against it.
    private let scale: (top: Int, step: Int)

    init(
        span: Range<Int64>, usage: [ThrottleReport.UsageHour], sanctions: [ThrottleReport.SanctionPeriod],
        label: String, number: Int
    ) {
        self.span = span
        self.usage = usage
        self.sanctions = sanctions
        self.label = label
        self.number = number
        let hour = ThrottleReport.UsageHour.nanoseconds
        let hours = Int((span.upperBound - span.lowerBound + hour - 1) / hour)
        hoursPerBar = max(1, (hours + Self.maxBars - 1) / Self.maxBars)
        bars = Self.bars(of: usage.filter { span.contains($0.hour) }, from: span.lowerBound, hoursPerBar: hoursPerBar)
        scale = Self.scale(busiest: bars.map(\.requests).max() ?? 0)
    }

    /// `usage` (ascending) summed into bars of `hoursPerBar` hours counted from `start`.
    private static func bars(of usage: [ThrottleReport.UsageHour], from start: Int64, hoursPerBar: Int)
        -> [ThrottleReport.UsageHour]
    {
        guard hoursPerBar > 1 else { return usage }
        let width = Int64(hoursPerBar) * ThrottleReport.UsageHour.nanoseconds
        var bars: [ThrottleReport.UsageHour] = []
        for hour in usage {
            let barStart = start + (hour.hour - start) / width * width
            if bars.last?.hour != barStart {
                bars.append(.init(hour: barStart, requests: 0, allowed: 0, throttled: 0, blocked: 0))
            }
            bars[bars.count - 1].requests += hour.requests
            bars[bars.count - 1].allowed += hour.allowed
            bars[bars.count - 1].throttled += hour.throttled
            bars[bars.count - 1].blocked += hour.blocked
        }
        return bars
    }

    /// The stacked series, bottom up, with the colours the legend uses.
    static let series: [(name: String, colour: String)] = [
        ("allowed", "#3b82f6"), ("throttled", "#f59e0b"), ("blocked", "#dc2626"), ("other", "#94a3b8"),
    ]

    static func colour(of level: SanctionLevel) -> String {
        switch level {
        case .notice: "#eab308"
        case .throttle: "#f97316"
        case .cutoff: "#b91c1c"
        }
    }

    /// The hours of all suppliers' usage, widened to whole hours around the report's period; nil without usage.
    static func span(of report: ThrottleReport) -> Range<Int64>? {
        let hours = report.suppliers.lazy.flatMap { $0.usage.lazy.map(\.hour) }
        guard let first = hours.min(), let last = hours.max() else { return nil }
        let hour = ThrottleReport.UsageHour.nanoseconds
        let start = min(first, report.from.map { $0.flooredDivision(by: hour).quotient * hour } ?? first)
        let endOfLast = last + hour
        let end = max(endOfLast, report.until.map { -(-$0).flooredDivision(by: hour).quotient * hour } ?? endOfLast)
        return start..<end
    }

    // Geometry in SVG units; the SVG scales to its box's width.
    private let width = 1100.0
    private let left = 56.0
    private let right = 14.0
    private let top = 10.0
    private let plotHeight = 170.0
    private let bandHeight = 16.0
    private var plotWidth: Double { width - left - right }
    private var axisY: Double { top + plotHeight }
    private var bandY: Double { axisY + 6 }
    private var height: Double { bandY + bandHeight + 24 }

    var svg: String {
        var bytes: [UInt8] = []
        appendSVG(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Writes the chart into the page: a month of a thousand suppliers' charts is a quarter of a million bars,
    /// so nothing here makes a string per bar.
    func appendSVG(to svg: inout [UInt8]) {
        svg.appendUTF8(
            "<svg class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"")
        svg.appendEscapedHTML(label)
        svg.appendUTF8("\" xmlns=\"http://www.w3.org/2000/svg\">")
        svg.appendUTF8(
            "<defs><pattern id=\"manual-\(number)\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" ")
        svg.appendASCII(
            "patternTransform=\"rotate(45)\"><rect width=\"3\" height=\"6\" fill=\"#ffffff\" opacity=\"0.45\"/>")
        svg.appendASCII("</pattern></defs>")
        appendGrid(to: &svg)
        appendTimeAxis(to: &svg)
        appendBars(to: &svg)
        appendBand(to: &svg)
        svg.appendASCII("</svg>")
    }

    private func x(_ time: Int64) -> Double {
        let clamped = min(max(time, span.lowerBound), span.upperBound)
        return left + plotWidth * Double(clamped - span.lowerBound) / Double(span.upperBound - span.lowerBound)
    }

    /// The top of the requests axis: 1, 2 or 5 times a power of ten, in four steps, at least the busiest hour.
    private static func scale(busiest: Int) -> (top: Int, step: Int) {
        let busiest = max(busiest, 4)
        var magnitude = 1
        while true {
            for factor in [1, 2, 5] where factor * magnitude * 4 >= busiest {
                return (factor * magnitude * 4, factor * magnitude)
            }
            magnitude *= 10
        }
    }

    private func y(_ count: Int) -> Double { axisY - plotHeight * Double(count) / Double(scale.top) }

    private func appendGrid(to svg: inout [UInt8]) {
        for tick in stride(from: 0, through: scale.top, by: scale.step) {
            var y: [UInt8] = []
            y.appendCoordinate(self.y(tick))
            svg.appendUTF8("<line x1=\"\(Int(left))\" x2=\"\(Int(width - right))\" y1=\"")
            svg += y
            svg.appendASCII("\" y2=\"")
            svg += y
            svg.appendUTF8("\" stroke=\"\(tick == 0 ? "#94a3b8" : "#e2e8f0")\" stroke-width=\"1\"/>")
            svg.appendUTF8("<text x=\"\(Int(left) - 8)\" y=\"")
            svg += y
            svg.appendASCII("\" dy=\"0.32em\" text-anchor=\"end\" class=\"tick\">")
            svg.appendGrouped(tick)
            svg.appendASCII("</text>")
        }
        svg.appendUTF8("<text x=\"12\" y=\"\(Int(top + plotHeight / 2))\" text-anchor=\"middle\" class=\"axis-title\" ")
        svg.appendUTF8("transform=\"rotate(-90 12 \(Int(top + plotHeight / 2)))\">requests per hour</text>")
    }

    /// A group per bar, its title the figures, then a rectangle per series with requests, stacked bottom up.
    private func appendBars(to svg: inout [UInt8]) {
        let slot = x(span.lowerBound + Int64(hoursPerBar) * ThrottleReport.UsageHour.nanoseconds) - x(span.lowerBound)
        let gap = slot > 4 ? 1.0 : 0
        // Every bar is as wide as the next: its width is written once, up to the height that follows it.
        var widthThenHeight: [UInt8] = []
        widthThenHeight.appendASCII("\" width=\"")
        widthThenHeight.appendCoordinate(max(slot - gap, 0.5))
        widthThenHeight.appendASCII("\" height=\"")
        let length = hoursPerBar == 1 ? "" : " (\(hoursPerBar) h)"
        for bar in bars {
            // Only times and numbers: nothing in the title needs escaping.
            svg.appendASCII("<g><title>")
            svg.appendReadableTime(bar.hour)
            svg.appendUTF8(length)
            svg.appendASCII(": ")
            svg.appendDecimal(bar.requests)
            svg.appendASCII(" requests, ")
            svg.appendDecimal(bar.allowed)
            svg.appendASCII(" allowed, ")
            svg.appendDecimal(bar.throttled)
            svg.appendASCII(" throttled, ")
            svg.appendDecimal(bar.blocked)
            svg.appendASCII(" blocked</title>")
            let rest = max(bar.requests - bar.allowed - bar.throttled - bar.blocked, 0)
            let barX = x(bar.hour) + gap / 2
            var stacked = 0
            for (index, series) in Self.series.enumerated() {
                // Not an array of the four counts: that was an allocation per bar.
                let count =
                    switch index {
                    case 0: bar.allowed
                    case 1: bar.throttled
                    case 2: bar.blocked
                    default: rest
                    }
                guard count > 0 else { continue }
                let top = y(stacked + count)
                svg.appendASCII("<rect x=\"")
                svg.appendCoordinate(barX)
                svg.appendASCII("\" y=\"")
                svg.appendCoordinate(top)
                svg += widthThenHeight
                svg.appendCoordinate(y(stacked) - top)
                svg.appendASCII("\" fill=\"")
                svg.appendUTF8(series.colour)
                svg.appendASCII("\"/>")
                stacked += count
            }
            svg.appendASCII("</g>")
        }
    }

    private func appendBand(to svg: inout [UInt8]) {
        svg.appendUTF8(
            "<rect x=\"\(Int(left))\" y=\"\(Int(bandY))\" width=\"\(Self.format(plotWidth))\" "
                + "height=\"\(Int(bandHeight))\" rx=\"3\" fill=\"#e8f5e9\"><title>no sanction</title></rect>")
        svg.appendUTF8("<text x=\"\(Int(left) - 8)\" y=\"\(Self.format(bandY + bandHeight / 2))\" dy=\"0.32em\" ")
        svg.appendASCII("text-anchor=\"end\" class=\"tick\">level</text>")
        for period in sanctions {
            let start = x(period.since)
            let end = x(period.until ?? span.upperBound)
            guard end > start else { continue }
            let until = period.until.map(ReportTime.readable) ?? "no end set"
            let title =
                "\(period.level.rawValue) from \(ReportTime.readable(period.since)) to \(until)"
                + (period.isManual ? ", manual: \(period.reason ?? "no reason given")" : "")
            let box =
                "x=\"\(Self.format(start))\" y=\"\(Int(bandY))\" width=\"\(Self.format(end - start))\" "
                + "height=\"\(Int(bandHeight))\""
            svg.appendASCII("<g><title>")
            svg.appendEscapedHTML(title)
            svg.appendUTF8("</title><rect \(box) fill=\"\(Self.colour(of: period.level))\"/>")
            if period.isManual { svg.appendUTF8("<rect \(box) fill=\"url(#manual-\(number))\"/>") }
            if end - start > 56 {
                svg.appendUTF8(
                    "<text x=\"\(Self.format((start + end) / 2))\" y=\"\(Self.format(bandY + bandHeight / 2))\" ")
                svg.appendUTF8(
                    "dy=\"0.32em\" text-anchor=\"middle\" class=\"band-label\">\(period.level.rawValue)</text>")
            }
            svg.appendASCII("</g>")
        }
    }

    /// Ticks every 1, 2, 3, 6 or 12 hours or whole days, as many as fit without crowding.
    private func appendTimeAxis(to svg: inout [UInt8]) {
        let hour = ThrottleReport.UsageHour.nanoseconds
        let hours = (span.upperBound - span.lowerBound) / hour
        let step = ([1, 2, 3, 6, 12, 24, 48, 168, 336] as [Int64]).first { hours / $0 <= 8 } ?? 720
        var tick = -(-span.lowerBound).flooredDivision(by: step * hour).quotient * step * hour
        while tick <= span.upperBound {
            let position = Self.format(x(tick))
            var line = "<line x1=\"\(position)\" x2=\"\(position)\" y1=\"\(Int(top))\" y2=\"\(Int(axisY))\" "
            line += "stroke=\"#cbd5e1\" stroke-dasharray=\"2 3\"/>"
            // A label at either edge is aligned inside the chart rather than cut off by it.
            let anchor = x(tick) < left + 30 ? "start" : x(tick) > width - right - 30 ? "end" : "middle"
            line += "<text x=\"\(position)\" y=\"\(Self.format(bandY + bandHeight + 16))\" text-anchor=\"\(anchor)\" "
            line += "class=\"tick\">\(ReportTime.axisLabel(tick))</text>"
            svg.appendUTF8(line)
            tick += step * hour
        }
    }

    /// A coordinate to at most one decimal: `12`, `12.5`.
    static func format(_ value: Double) -> String {
        var bytes: [UInt8] = []
        bytes.appendCoordinate(value)
        return String(decoding: bytes, as: UTF8.self)
    }
}
