internal import CQREncode
import MetodCore

/// How much of a QR code may be damaged and still read (libqrencode's levels).
public enum QRErrorCorrection: String, CaseIterable, Sendable {
    case low = "L", medium = "M", quartile = "Q", high = "H"
}

/// A QR code as a square of modules; the only place that talks to libqrencode.
public struct QRCode: Sendable, Equatable {
    /// Modules per side, without the quiet zone.
    public let size: Int
    /// Row-major, `true` for a dark module.
    public let modules: [Bool]

    public enum Problem: Error { case tooLong, encodingFailed }

    /// Encodes `text` as bytes (8-bit mode), case preserved.
    public init(encoding text: String, correction: QRErrorCorrection = .medium) throws(Problem) {
        let level: QRecLevel
        switch correction {
        case .low: level = QR_ECLEVEL_L
        case .medium: level = QR_ECLEVEL_M
        case .quartile: level = QR_ECLEVEL_Q
        case .high: level = QR_ECLEVEL_H
        }
        guard text.utf8.count <= 2000 else { throw .tooLong }
        guard let code = QRcode_encodeString8bit(text, 0, level) else { throw .encodingFailed }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        precondition(width >= 21 && (width - 17) % 4 == 0, "libqrencode returned a symbol of width \(width)")
        let buffer = UnsafeBufferPointer(start: code.pointee.data, count: width * width)
        size = width
        modules = buffer.map { $0 & 1 == 1 }
    }

    public func isDark(x: Int, y: Int) -> Bool { modules[y * size + x] }

    /// A compact SVG: a white square with a quiet zone of four modules and one path that draws
    /// each row's dark runs as strokes one module wide; `title` (the URL) is what screen readers
    /// and tooltips show.
    public func svg(title: String, pixelsPerModule: Int = 4) -> String {
        let quiet = 4
        let side = size + 2 * quiet
        // The path is most of the SVG and a page of codes has hundreds of runs each: written as
        // bytes, a row as `M{x} {y}.5h{run}` and each further run as `m{gap} 0h{run}` (a stroke
        // along the middle of the row). Outlining each run as `M{x} {y}h{run}v1h-{run}z` made the
        // path about twice as long: a fifth of a document page was its QR code.
        // With numbers of up to three digits, a row's first run takes at most 14 bytes and each
        // further run 10; a row has at most (size + 1) / 2 runs.
        let path = [UInt8](unsafeUninitializedCapacity: size * (14 + (size + 1) / 2 * 10)) { out, length in
            func append(_ value: Int) {
                if value >= 100 { out[length] = UInt8(ascii: "0") + UInt8(value / 100); length += 1 }
                if value >= 10 { out[length] = UInt8(ascii: "0") + UInt8(value / 10 % 10); length += 1 }
                out[length] = UInt8(ascii: "0") + UInt8(value % 10)
                length += 1
            }
            func append(_ text: StaticString) {
                for k in 0..<text.utf8CodeUnitCount { out[length + k] = text.utf8Start[k] }
                length += text.utf8CodeUnitCount
            }
            modules.withUnsafeBufferPointer { modules in
                for y in 0..<size {
                    let row = UnsafeBufferPointer(rebasing: modules[(y * size)..<((y + 1) * size)])
                    var x = 0
                    var end: Int?  // where the last run of this row ended
                    while x < size {
                        guard row[x] else { x += 1; continue }
                        var run = 1
                        while x + run < size, row[x + run] { run += 1 }
                        if let end {
                            append("m")
                            append(x - end)
                            append(" 0h")
                        } else {
                            append("M")
                            append(x + quiet)
                            append(" ")
                            append(y + quiet)
                            append(".5h")
                        }
                        append(run)
                        x += run
                        end = x
                    }
                }
            }
        }
        let pixels = side * pixelsPerModule
        let label = Escape.html(title)
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" viewBox=\"0 0 \(side) \(side)\" width=\"\(pixels)\" height=\"\(pixels)\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"QR-код: \(label)\"><title>\(label)</title><rect width=\"\(side)\" height=\"\(side)\" fill=\"#fff\"/><path fill=\"none\" stroke=\"#000\" d=\"\(String(decoding: path, as: UTF8.self))\"/></svg>"
    }
}
