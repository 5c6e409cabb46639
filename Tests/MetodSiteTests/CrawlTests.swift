import Foundation
import MetodCore
import Testing
@testable import MetodSite

/// Crawls the whole generated sample bank as a browser opening it from disk would.
@Suite struct CrawlTests {
    static func attributes(_ name: String, in html: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: "\\s\(name)=\"([^\"]*)\"")
        let range = NSRange(html.startIndex..., in: html)
        return pattern.matches(in: html, range: range).map { String(html[Range($0.range(at: 1), in: html)!]) }
    }

    static func decodeEntities(_ value: String) -> String {
        value.replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&quot;", with: "\"")
    }

    @Test func everyInternalLinkAndAssetResolvesToAFileAndEveryFragmentToAnID() throws {
        let output = temporaryFolder("crawl")
        defer { try? FileManager.default.removeItem(atPath: output.value) }
        let report = SiteBuilder(siteRoot: repositoryRoot, output: output).build()
        #expect(report.succeeded, "\(report.diagnostics)")

        let files = snapshot(of: output)
        let pages = files.keys.filter { $0.hasSuffix(".html") }.sorted()
        #expect(pages.count >= 74)
        var ids: [String: Set<String>] = [:]
        var problems: [String] = []
        for page in pages {
            let list = Self.attributes("id", in: String(decoding: files[page]!, as: UTF8.self))
            ids[page] = Set(list)
            if list.count != Set(list).count { problems.append("\(page): duplicate id") }
        }
        var checked = 0
        for page in pages {
            let html = String(decoding: files[page]!, as: UTF8.self)
            let directory = (page as NSString).deletingLastPathComponent
            for raw in Self.attributes("href", in: html) + Self.attributes("src", in: html) {
                let link = Self.decodeEntities(raw)
                if link.hasPrefix("https://metodbank.example.ru/") { continue }  // canonical address, not a link to follow
                if link.hasPrefix("http://") || link.hasPrefix("https://") || link.hasPrefix("//") {
                    if html.contains("src=\"\(raw)\"") || html.contains("rel=\"stylesheet\" href=\"\(raw)\"") {
                        problems.append("\(page): external resource \(link)")
                    }
                    continue
                }
                if link.hasPrefix("mailto:") { continue }
                checked += 1
                let parts = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                let pathPart = parts[0], fragment = parts.count > 1 ? parts[1] : nil
                var target = page
                if !pathPart.isEmpty {
                    guard !pathPart.hasSuffix("/") else { problems.append("\(page): \(link) names a folder, not a file"); continue }
                    let joined = directory.isEmpty ? pathPart : directory + "/" + pathPart
                    target = URL(fileURLWithPath: "/" + joined).standardizedFileURL.path.dropFirst().description
                    guard files[target] != nil else { problems.append("\(page): \(link) → missing \(target)"); continue }
                }
                if let fragment, !fragment.isEmpty, target.hasSuffix(".html"), !(ids[target]?.contains(fragment) ?? false) {
                    problems.append("\(page): \(link) → no id «\(fragment)» in \(target)")
                }
            }
        }
        #expect(checked > 1000)
        #expect(problems.isEmpty, "\(problems.prefix(20).joined(separator: "\n"))")
    }

    @Test func everyDocumentPageShowsTheStructuredPartsOfItsType() throws {
        let output = temporaryFolder("parts")
        defer { try? FileManager.default.removeItem(atPath: output.value) }
        #expect(SiteBuilder(siteRoot: repositoryRoot, output: output).build().succeeded)
        let expectations: [String: [String]] = [
            "practices": ["<dl class=\"facts\">", "Устраняемые дефициты", "Показатели"],
            "mentoring": ["Форма наставничества", "План мероприятий", "Участники и их роли", "Устраняемые дефициты"],
            "iom": ["Квалификационная категория", "План реализации маршрута", "Устраняемые дефициты"],
            "regulations": ["Статус:", "Содержание"],
            "roadmaps": ["<table class=\"plan roadmap-table\">", "Ответственные", "Отчётная документация"],
            "deficits": ["Группа дефицитов", "Что помогает устранить дефицит"],
            "indicators": ["Базовое и целевые значения", "<svg class=\"chart\"", "Мероприятия дорожных карт"],
        ]
        for (folder, needles) in expectations {
            let pages = try FileManager.default.contentsOfDirectory(atPath: output.appending(folder).value).filter { $0 != "index.html" }
            #expect(!pages.isEmpty)
            for page in pages {
                let html = try String(contentsOf: output.appending("\(folder)/\(page)").url, encoding: .utf8)
                for needle in needles {
                    #expect(html.contains(needle), "\(folder)/\(page) lacks «\(needle)»")
                }
            }
        }
    }
}
