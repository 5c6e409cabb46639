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
        #expect(svg.contains("M4 4.5h7"), "the finder pattern starts at the quiet zone's edge")
    }

    /// Reads the path back, stroke by stroke, into dark modules: exactly the code's, nothing more.
    @Test(arguments: ["https://metodbank.example.ru/p/?b492", "https://x.ru/p/ab/?a=1&b=<2>", String(repeating: "длинный адрес ", count: 12)])
    func thePathDrawsExactlyTheDarkModules(_ text: String) throws {
        let code = try QRCode(encoding: text, correction: .high)
        let svg = code.svg(title: text)
        let d = try #require(svg.range(of: " d=\"").map { svg[$0.upperBound...].prefix { $0 != "\"" } })
        var drawn = Set<[Int]>()
        var x = 0.0, y = 0.0
        var command: Character = " "
        var numbers: [Double] = []
        func apply() {
            switch command {
            case "M": x = numbers[0]; y = numbers[1]
            case "m": x += numbers[0]; y += numbers[1]
            case "h":
                for column in Int(x)..<Int(x + numbers[0]) { drawn.insert([column - 4, Int(y - 0.5) - 4]) }
                x += numbers[0]
            default: Issue.record("unexpected command \(command)")
            }
        }
        var number = ""
        for character in d + "E" {
            if character.isNumber || character == "." || character == "-" {
                number.append(character)
                continue
            }
            if !number.isEmpty { numbers.append(Double(number)!); number = "" }
            if character == " " { continue }
            if command != " " { apply() }
            command = character
            numbers = []
        }
        for y in 0..<code.size {
            for x in 0..<code.size {
                #expect(drawn.contains([x, y]) == code.isDark(x: x, y: y), "module \(x), \(y)")
            }
        }
        #expect(drawn.allSatisfy { $0[0] >= 0 && $0[0] < code.size && $0[1] >= 0 && $0[1] < code.size })
        #expect(try decodeWithZbar(svg: svg) == text)
    }
}
