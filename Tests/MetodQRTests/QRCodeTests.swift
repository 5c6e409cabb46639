import Foundation
import Testing
@testable import MetodQR

/// Decodes an SVG with real tools: rsvg-convert renders it, zbarimg reads it.
func decodeWithZbar(svg: String) throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qr-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let svgFile = folder.appendingPathComponent("code.svg"), png = folder.appendingPathComponent("code.png")
    try svg.write(to: svgFile, atomically: true, encoding: .utf8)
    try run("/usr/bin/rsvg-convert", ["-w", "400", "-o", png.path, svgFile.path])
    return try run("/usr/bin/zbarimg", ["--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", png.path])
        .trimmingCharacters(in: .newlines)
}

@discardableResult
func run(_ tool: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}

@Suite struct QRCodeTests {
    @Test(arguments: QRErrorCorrection.allCases)
    func aRealReaderDecodesTheExactURL(_ level: QRErrorCorrection) throws {
        let url = "https://metodbank.example.ru/p/k7x2/"
        let code = try QRCode(encoding: url, correction: level)
        #expect(try decodeWithZbar(svg: code.svg(title: url)) == url)
    }

    @Test func higherCorrectionNeedsMoreModules() throws {
        let url = "https://metodbank.example.ru/p/k7x2/"
        #expect(try QRCode(encoding: url, correction: .low).size < QRCode(encoding: url, correction: .high).size)
    }

    @Test func theSVGIsOnePathOnWhiteWithAQuietZoneAndTheURLAsTitle() throws {
        let code = try QRCode(encoding: "https://x.ru/p/ab/?a=1&b=<2>")
        let svg = code.svg(title: "https://x.ru/p/ab/?a=1&b=<2>")
        #expect(svg.components(separatedBy: "<path").count == 2)
        #expect(svg.contains("viewBox=\"0 0 \(code.size + 8) \(code.size + 8)\""))
        #expect(svg.contains("<rect width=\"\(code.size + 8)\" height=\"\(code.size + 8)\" fill=\"#fff\"/>"))
        #expect(svg.contains("<title>https://x.ru/p/ab/?a=1&amp;b=&lt;2&gt;</title>"))
        #expect(svg.contains("M4 4h7"), "the finder pattern starts at the quiet zone's edge")
    }
}
