import MetodContent
import MetodCore

/// A small inline SVG bar chart of an indicator's base value and yearly targets.
enum IndicatorChart {
    static func svg(title: String, unit: String, base: Indicator.Value?, targets: [Indicator.Value]) -> String? {
        var bars: [(label: String, value: Double, isBase: Bool)] = []
        if let base { bars.append(("\(base.year)", base.value, true)) }
        bars += targets.map { ("\($0.year)", $0.value, false) }
        guard !bars.isEmpty else { return nil }
        let maxValue = max(bars.map(\.value).max() ?? 1, unit == "%" ? 100 : 0, 1)
        let barWidth = 44, gap = 16, left = 8, top = 22, plotHeight = 120
        let width = left * 2 + bars.count * barWidth + (bars.count - 1) * gap
        let height = top + plotHeight + 24
        let label = Escape.html("\(title): " + bars.map { "\($0.label) — \(Format.number($0.value)) \(unit)" }.joined(separator: "; "))
        var svg = "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-label=\"\(label)\">"
        svg += "<title>\(label)</title>"
        svg += "<line x1=\"0\" y1=\"\(top + plotHeight)\" x2=\"\(width)\" y2=\"\(top + plotHeight)\" class=\"chart-axis\"/>"
        for (i, bar) in bars.enumerated() {
            let x = left + i * (barWidth + gap)
            let h = max(1, Int((Double(plotHeight) * max(bar.value, 0) / maxValue).rounded()))
            let y = top + plotHeight - h
            svg += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(barWidth)\" height=\"\(h)\" class=\"\(bar.isBase ? "chart-base" : "chart-target")\"/>"
            svg += "<text x=\"\(x + barWidth / 2)\" y=\"\(y - 6)\" text-anchor=\"middle\" class=\"chart-value\">\(Escape.html(Format.number(bar.value)))</text>"
            svg += "<text x=\"\(x + barWidth / 2)\" y=\"\(top + plotHeight + 17)\" text-anchor=\"middle\" class=\"chart-label\">\(Escape.html(bar.label))</text>"
        }
        svg += "</svg>"
        return svg
    }
}
