import Foundation
import MetodCore
import Testing
@testable import MetodSearch

@Suite struct SearchIndexTests {
    static let catalog = SearchCatalog(
        types: [SearchLabel(key: "practice", label: "Практика"), SearchLabel(key: "mentoring", label: "Программа наставничества")],
        facets: [SearchFacet(name: "deficit", label: "Дефицит", values: [
            SearchLabel(key: "def-a", label: "Дефицит А"), SearchLabel(key: "def-b", label: "Дефицит Б"),
        ])])

    static func document(_ id: String, type: String = "practice", title: String, summary: String = "", body: String = "",
                         details: [String] = [], deficits: [String] = []) -> SearchDocument {
        SearchDocument(id: id, url: SitePath("\(type)/\(id).html"), type: type, title: title, summary: summary,
                       details: details, body: body, facets: ["deficit": deficits])
    }

    static let documents = [
        document("a", title: "Работа с ИОМ в школе", body: "ИОМ составляет учитель. ИОМ утверждает директор.", deficits: ["def-a"]),
        document("b", type: "mentoring", title: "Программа наставничества", summary: "Наставник и молодой специалист.",
                 body: "Наставники помогают молодым педагогам.\nШКОЛА", details: ["Наставник", "Опытный учитель"], deficits: ["def-b", "def-a"]),
        document("c", title: "Смысловое чтение", body: "Школа, школа, школы. Один наставник упомянут в тексте.\nИом пишут и так."),
    ]

    static let index = SearchIndex.build(documents: documents, catalog: catalog)

    func postings(_ term: String) -> PostingList? {
        Self.index.terms.firstIndex(of: term).map { Self.index.postings[$0] }
    }

    /// A bank is scanned and counted in batches of a few hundred documents; numbers, postings
    /// and fragments must run on across the batches as if the bank were one.
    @Test func aBankLargerThanOneBatchIsIndexedAsOne() {
        let documents = (0..<1_300).map { n in
            Self.document("d\(n)", title: "Документ \(n)", body: n % 600 == 0 ? "Редкое слово: тьюторство." : "Обычный текст о школе.")
        }
        let index = SearchIndex.build(documents: documents, catalog: Self.catalog)
        let rare = index.terms.firstIndex(of: "тьюторств").map { index.postings[$0] }
        #expect(rare?.documents == [0, 600, 1200])
        #expect(index.terms.firstIndex(of: "школ").map { index.postings[$0].count } == 1_300 - 3)
        #expect(index.fieldLengths.count == 1_300)
        let files = index.files()
        #expect(files.filter { $0.path.value.hasPrefix("search/d/") }.count == 1_300)
        let last = files.first { $0.path.value == "search/d/1/1299.js" }
        #expect(last.map { String(decoding: $0.data, as: UTF8.self).contains("Документ 1299") } == true)
    }

    /// A build writes `index.json` as it is made, part by part; the file is the same as whole.
    @Test func indexJSONHandedOverInPartsIsTheWholeFile() throws {
        let documents = (0..<5_000).map { n in
            Self.document("d\(n)", title: "Документ \(n)", body: "Обычный текст о школе и наставнике, раздел \(n % 50).")
        }
        let index = SearchIndex.build(documents: documents, catalog: Self.catalog)
        var parts: [Data] = []
        index.emitFiles({ _ in }, stream: { path, _, produce in
            #expect(path.value == "search/index.json")
            produce { parts.append(Data($0)) }
        })
        // The head, the postings in more than one chunk, the tail.
        #expect(parts.count >= 4)
        let whole = try #require(index.files().first { $0.path.value == "search/index.json" }).data
        #expect(parts.reduce(Data(), +) == whole)
        let json = try #require(try JSONSerialization.jsonObject(with: whole) as? [String: Any])
        #expect((json["terms"] as? [String: Any])?.count == index.terms.count)
        #expect((json["documents"] as? [Any])?.count == 5_000)
    }

    /// serve's rebuild patches the last index with the edited document alone, whether its terms
    /// are the bank's, new to it, or gone from it; either way the index is the one a fresh build
    /// makes.
    @Test func aRebuildCountsOnlyTheEditedDocument() {
        let cache = SearchIndexCache()
        var documents = (0..<40).map { n in Self.document("d\(n)", title: "Документ \(n)", body: "Наставник и школа, раздел \(n % 5).") }
        _ = SearchIndex.build(documents: documents, catalog: Self.catalog, cache: cache)
        #expect(cache.counted == 40)

        documents[7].body = "Школа и наставник, раздел 3."
        let sameTerms = SearchIndex.build(documents: documents, catalog: Self.catalog, cache: cache)
        #expect(cache.counted == 1)
        #expect(sameTerms.files().map(\.data) == SearchIndex.build(documents: documents, catalog: Self.catalog).files().map(\.data))

        documents[7].body = "Тьютор и школа, раздел 3."
        let newTerm = SearchIndex.build(documents: documents, catalog: Self.catalog, cache: cache)
        #expect(cache.counted == 1)
        #expect(newTerm.files().map(\.data) == SearchIndex.build(documents: documents, catalog: Self.catalog).files().map(\.data))

        // The only document with «тьютор» loses it: the word stays in serve's vocabulary, but
        // its term leaves the index.
        documents[7].body = "Наставник и школа, раздел 3."
        let termGone = SearchIndex.build(documents: documents, catalog: Self.catalog, cache: cache)
        #expect(cache.counted == 1)
        #expect(!termGone.terms.contains("тьютор"))
        #expect(termGone.files().map(\.data) == SearchIndex.build(documents: documents, catalog: Self.catalog).files().map(\.data))

        // The abbreviations follow the bank's word counts, kept from build to build: «СОШ» in
        // capitals where the same document wrote it in lower case makes it one, and the index is
        // built whole under the new rules (without «тьютор», which no document has any more).
        documents[9].body = "сош сош сош"
        _ = SearchIndex.build(documents: documents, catalog: Self.catalog, cache: cache)
        documents[9].body = "СОШ СОШ"
        let newRules = SearchIndex.build(documents: documents, catalog: Self.catalog, cache: cache)
        #expect(newRules.rules.abbreviations.contains("сош"))
        #expect(newRules.files().map(\.data) == SearchIndex.build(documents: documents, catalog: Self.catalog).files().map(\.data))

        // A new document changes every document's numbers after it: counted whole.
        documents.insert(Self.document("new", title: "Новый документ", body: "Наставник."), at: 3)
        let added = SearchIndex.build(documents: documents, catalog: Self.catalog, cache: cache)
        #expect(cache.counted == 41)
        #expect(added.files().map(\.data) == SearchIndex.build(documents: documents, catalog: Self.catalog).files().map(\.data))
    }

    static func samePostings(_ a: PostingList, _ b: PostingList) -> Bool {
        guard a.documents == b.documents, a.frequencies == b.frequencies, a.scores == b.scores else { return false }
        return a.positionStarts == b.positionStarts && a.positions == b.positions
    }

    /// Random edits of a few documents at a time, each followed by serve's rebuild (which patches
    /// the last index: word counts, postings out and in, the scores they touch, the files' parts
    /// they change; or builds it whole when the abbreviations change): every file is byte for
    /// byte what a fresh build of the same documents makes.
    @Test(arguments: 0..<4) func randomEditsPatchTheIndexIntoWhatAFreshBuildMakes(_ run: Int) {
        var state = UInt64(20261202) &+ UInt64(run) &* 0x9E37_79B9_7F4A_7C15
        func pick(_ count: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(count))
        }
        let words = ["наставник", "наставника", "школа", "школы", "учитель", "учителя", "урок", "уроки", "план", "работа",
                     "молодой", "педагог", "педагоги", "дефицит", "ИОМ", "программа", "чтение", "смысловое", "оценка",
                     "формирующее", "учебно-методический", "2025", "цифровой", "класс", "проект", "игра", "математика"]
        func text(_ count: Int) -> String {
            (0..<count).map { _ in words[pick(words.count)] }.joined(separator: " ") + "."
        }
        var documents = (0..<300).map { n in
            Self.document("d\(n)", title: text(2 + pick(3)), body: text(5 + pick(40)), deficits: pick(3) == 0 ? ["def-a"] : [])
        }
        let cache = SearchIndexCache()
        _ = SearchIndex.build(documents: documents, catalog: Self.catalog, cache: cache).files()
        for step in 0..<30 {
            let edited = pick(5) == 0 ? 20 : 1 + pick(3)
            for _ in 0..<edited {
                let d = pick(documents.count)
                switch pick(7) {
                case 0: documents[d].body = text(documents[d].body.split(separator: " ").count)  // the same length
                case 1: documents[d].body += " " + text(1 + pick(6))
                case 2: documents[d].body += " новоеслово\(step)"
                case 3: documents[d].title = text(2 + pick(3))
                case 4: documents[d].facets["deficit"] = documents[d].facets["deficit"] == [] ? ["def-b"] : []
                // «СОШ» is an abbreviation while the bank mostly writes it in capitals: the rules flip.
                case 5: documents[d].body += pick(2) == 0 ? " СОШ СОШ" : " сош сош сош"
                default: documents[d].body = String(documents[d].body.split(separator: " ").dropLast(pick(4)).joined(separator: " "))
                }
            }
            let patched = SearchIndex.build(documents: documents, catalog: Self.catalog, cache: cache)
            let fresh = SearchIndex.build(documents: documents, catalog: Self.catalog)
            // The postings themselves, not only the files: parts of files made before are reused.
            #expect(patched.terms == fresh.terms, "run \(run) step \(step)")
            let differentLists = patched.terms.indices.filter { t in
                !Self.samePostings(patched.postings[t], fresh.postings[t])
            }
            #expect(differentLists.isEmpty, "run \(run) step \(step): \(differentLists.prefix(3).map { patched.terms[$0] })")
            let (patchedFiles, freshFiles) = (patched.files(), fresh.files())
            #expect(patchedFiles.map(\.path.value) == freshFiles.map(\.path.value), "run \(run) step \(step)")
            let differing = zip(patchedFiles, freshFiles).filter { $0.data != $1.data }.map(\.0.path.value)
            #expect(differing.isEmpty, "run \(run) step \(step): \(differing.prefix(5))")
        }
    }

    @Test func abbreviationsAreWordsTheBankWritesInCapitals() {
        #expect(Self.index.rules.abbreviations == ["иом"])
        // «ШКОЛА» once in capitals, three times not: an ordinary word, stemmed.
        #expect(postings("школ")?.documents == [0, 1, 2])
        #expect(postings("иом")?.documents == [0, 2])
    }

    @Test func termsAreSortedAsJavaScriptComparesStrings() {
        let terms = Self.index.terms
        #expect(terms == terms.sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) })
        #expect(Set(terms).count == terms.count)
    }

    @Test func frequenciesArePerField() throws {
        let list = try #require(postings("наставник"))
        #expect(list.documents == [1, 2])
        #expect(list.frequency(0, .summary) == 1)
        #expect(list.frequency(0, .body) == 1)
        #expect(list.frequency(0, .details) == 1)
        #expect(list.frequency(0, .title) == 0)
        #expect(list.frequency(1, .body) == 1)
    }

    @Test func aTitleMatchOutranksBodyMatches() throws {
        let list = try #require(postings("иом"))
        // Document 0 has «ИОМ» in its title and twice in its body; document 2 once in the body.
        #expect(list.scores[0] > list.scores[1] * 2)
        let nastavnik = try #require(postings("наставник"))
        let nastavnichestvo = try #require(postings("наставничеств"))
        #expect(nastavnichestvo.scores[0] > nastavnik.scores[1])
    }

    @Test func positionsAreConsecutiveWithinABlockButNotAcrossBlocks() throws {
        let index = SearchIndex.build(documents: [
            Self.document("p", title: "План работы с наставником", body: "план\nработы"),
        ], catalog: Self.catalog)
        func positions(_ term: String) -> [Int32] {
            let t = index.terms.firstIndex(of: term)!
            return Array(index.postings[t].positions(of: 0))
        }
        // «с» is a stop word and leaves no hole: план 0, работ 1, наставник 2. Every field
        // ends with a gap (six fields: the body starts at 9), and the line break leaves another.
        #expect(positions("план") == [0, 9])
        #expect(positions("работ") == [1, 11])
        #expect(positions("наставник") == [2])
        #expect(index.fieldLengths[0][SearchField.title.rawValue] == 3)
    }

    @Test func aCompoundSharesThePositionOfItsFirstPart() throws {
        let index = SearchIndex.build(documents: [Self.document("p", title: "Программа учитель–ученик")], catalog: Self.catalog)
        func positions(_ term: String) -> [Int32] {
            Array(index.postings[index.terms.firstIndex(of: term)!].positions(of: 0))
        }
        #expect(positions("учител-ученик") == [1])
        #expect(positions("учител") == [1])
        #expect(positions("ученик") == [2])
    }

    @Test func theSameInputGivesByteIdenticalFiles() {
        let first = SearchIndex.build(documents: Self.documents, catalog: Self.catalog).files()
        let second = SearchIndex.build(documents: Self.documents, catalog: Self.catalog).files()
        #expect(first.map(\.path) == second.map(\.path))
        #expect(first.map(\.data) == second.map(\.data))
    }

    @Test func indexJSONHasTheDocumentedShape() throws {
        let file = try #require(Self.index.files().first { $0.path.value == "search/index.json" })
        let json = try #require(try JSONSerialization.jsonObject(with: file.data) as? [String: Any])
        #expect(json["format"] as? String == "metodbank-search")
        #expect(json["version"] as? Int == 1)
        let analyzer = try #require(json["analyzer"] as? [String: Any])
        #expect(analyzer["abbreviations"] as? [String] == ["иом"])
        #expect((analyzer["stopWords"] as? [String])?.contains("для") == true)
        let documents = try #require(json["documents"] as? [[String: Any]])
        #expect(documents.map { $0["id"] as? String } == ["a", "b", "c"])
        #expect(documents[1]["url"] as? String == "mentoring/b.html")
        #expect((documents[1]["facets"] as? [String: [String]])?["deficit"] == ["def-b", "def-a"])
        let terms = try #require(json["terms"] as? [String: [[Int]]])
        // [document, score × 1000, field, frequency, field, frequency…]
        let row = try #require(terms["наставник"]?.first)
        #expect(row[0] == 1)
        #expect(row[1] > 0)
        #expect(Array(row[2...]) == [SearchField.summary.rawValue, 1, SearchField.details.rawValue, 1, SearchField.body.rawValue, 1])
        #expect(SearchIndexFormat.rules(fromIndexJSON: file.data)?.abbreviations == ["иом"])
    }

    @Test func browserFilesAreClassicScriptsWithEveryTermInOneShard() throws {
        let files = Self.index.files()
        let paths = files.map(\.path.value)
        #expect(paths.contains("search/meta.js"))
        #expect(paths.filter { $0.hasPrefix("search/d/0/") }.count == 3)
        let shards = files.filter { $0.path.value.hasPrefix("search/t/") }
        #expect(!shards.isEmpty)
        #expect(!files.filter { $0.path.value.hasPrefix("search/p/") }.isEmpty)
        for file in files where file.path.value.hasSuffix(".js") {
            let text = String(decoding: file.data, as: UTF8.self)
            #expect(text.hasPrefix("metodbankSearch.receive(\""))
            #expect(!text.contains("import ") && !text.contains("fetch("))
        }
        var shardTerms: [String] = []
        for n in 0..<shards.count {
            let text = String(decoding: files.first { $0.path.value == "search/t/\(n).js" }!.data, as: UTF8.self)
            let json = text.dropFirst("metodbankSearch.receive(\"t\(n)\",".count).dropLast(3)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            shardTerms += try #require(object["terms"] as? [String])
        }
        #expect(shardTerms == Self.index.terms)
    }

    @Test func textThatCouldCloseAScriptIsEscaped() {
        let index = SearchIndex.build(documents: [
            Self.document("x", title: "</script><script>alert(1)</script>", body: "a\u{2028}b"),
        ], catalog: Self.catalog)
        let fragment = index.files().first { $0.path.value == "search/d/0/0.js" }!
        let text = String(decoding: fragment.data, as: UTF8.self)
        #expect(!text.contains("</script>"))
        #expect(text.contains("\\u003c/script\\u003e"))
        #expect(text.contains("\\u2028"))
    }

    @Test func fragmentTextSurvivesJSONWithEveryCharacterThatIsEscaped() throws {
        let controls = String((1..<0x20).map { Character(Unicode.Scalar($0)!) })
        let body = "«Кавычки» \"и\" \\ обратная черта, <b>, €, â, \u{2029}, \u{2028}" + controls + "конец"
        let index = SearchIndex.build(documents: [Self.document("x", title: "Т", body: body)], catalog: Self.catalog)
        let fragment = String(decoding: index.files().first { $0.path.value == "search/d/0/0.js" }!.data, as: UTF8.self)
        let json = fragment.dropFirst("metodbankSearch.receive(\"d0\",".count).dropLast(3)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["x"] as? String == body)
        #expect(!fragment.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "no raw control character in the script")
    }

    /// A document shares its fields' box with its copies until one of them changes.
    @Test func aDocumentIsAValue() {
        var edited = Self.documents[0]
        let kept = edited
        edited.body += " Новый абзац."
        edited.facets["deficit"] = []
        #expect(kept.body == Self.documents[0].body)
        #expect(kept.facets["deficit"] == ["def-a"])
        #expect(edited.body.hasSuffix("Новый абзац."))
        #expect(edited.title == kept.title)
    }

    @Test func impactsUseAllLevelsOnALogScale() {
        #expect(SearchIndexFormat.impact(10, max: 10) == 63)
        #expect(SearchIndexFormat.impact(0.0001, max: 10) == 1)
        #expect(SearchIndexFormat.impact(1, max: 10) > SearchIndexFormat.impact(0.5, max: 10))
    }
}
