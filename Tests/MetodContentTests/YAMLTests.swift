import Foundation
import MetodCore
import Testing
@testable import MetodContent

/// The YAML composer over libyaml: the tree the field decoders read, and its errors.
@Suite struct YAMLTests {
    private func compose(_ text: String) throws -> YAMLNode {
        try #require(try YAMLComposer.compose(text))
    }

    private func error(_ text: String) -> YAMLError? {
        do {
            _ = try YAMLComposer.compose(text)
            return nil
        } catch {
            return error
        }
    }

    /// The messages of decoding a practice with this front matter.
    private func messages(_ frontMatter: String) -> [String] {
        let bag = DiagnosticBag()
        let root = FilePath(FileManager.default.temporaryDirectory.path)
        _ = DocumentDecoder(siteRoot: root, source: ContentPath("content/practices/a.md")).decode("---\n\(frontMatter)---\nТекст\n", bag: bag)
        return bag.items.map(\.description)
    }

    @Test func aFrontMatterBecomesATreeWithPositions() throws {
        let root = try compose("""
            title: "Наставничество: «учитель — учитель»"
            tags: [ФГОС, 'ШМО']
            approved:
              by: директор
              date: 2024-08-30
            summary: |
              Первая строка
              вторая
            """)
        let pairs = try #require(root.mapping)
        #expect(pairs.map { $0.key.scalar } == ["title", "tags", "approved", "summary"])
        #expect(root.sequence == nil && root.scalar == nil)

        let title = pairs[0].value
        #expect(title.scalar == "Наставничество: «учитель — учитель»")
        #expect(!title.isPlain)
        #expect(title.mark == YAMLMark(line: 1, column: 8))

        let tags = try #require(pairs[1].value.sequence)
        #expect(tags.map(\.scalar) == ["ФГОС", "ШМО"])
        #expect(tags.map(\.isPlain) == [true, false])
        // Columns count characters, not bytes: «ФГОС, » is six of them.
        #expect(tags.map(\.mark) == [YAMLMark(line: 2, column: 8), YAMLMark(line: 2, column: 14)])

        let approved = try #require(pairs[2].value.mapping)
        #expect(approved.map { $0.value.scalar } == ["директор", "2024-08-30"])
        #expect(approved[1].key.mark == YAMLMark(line: 5, column: 3))

        #expect(pairs[3].value.scalar == "Первая строка\nвторая")
        #expect(!pairs[3].value.isPlain)
    }

    @Test func anEmptyTextHasNoDocument() throws {
        #expect(try YAMLComposer.compose("") == nil)
        #expect(try YAMLComposer.compose("# только комментарий\n") == nil)
    }

    @Test func anAliasRepeatsItsAnchoredValue() throws {
        let pairs = try #require(try compose("subjects: &common [математика, физика]\nlevels: &l ООО\nother: *common\nlevel: *l\n").mapping)
        #expect(pairs[2].value.sequence?.map(\.scalar) == ["математика", "физика"])
        #expect(pairs[3].value.scalar == "ООО")
    }

    @Test func anUndefinedAliasIsAnErrorAtTheAlias() throws {
        let problem = try #require(error("title: *missing\n"))
        #expect(problem.problem == "found undefined alias")
        #expect(problem.mark == YAMLMark(line: 1, column: 8))
        #expect(messages("id: a\ntitle: *label\n") == ["content/practices/a.md:3:8: error: ошибка синтаксиса YAML: ссылка на неопределённую метку (*)"])
    }

    @Test func aKeyWrittenTwiceIsReportedAtItsFirstPlace() throws {
        let problem = try #require(error("b: 1\na: 2\nb: 3\na: 4\n"))
        #expect(problem.duplicateKeys == ["a", "b"])
        #expect(problem.mark == YAMLMark(line: 2, column: 1))
        // A tag does not make it another field: the decoders read both as «title».
        #expect(messages("id: a\ntitle: Первое\n!!str title: Второе\n") == ["content/practices/a.md:3:1: error: ошибка синтаксиса YAML: поле «title» указано дважды"])
        // In a nested mapping too, and in one too long to compare key by key.
        #expect(error("approved:\n  by: a\n  by: b\n")?.duplicateKeys == ["by"])
        let long = (0..<300).map { "k\($0): \($0)\n" }.joined() + "k7: again\n"
        #expect(error(long)?.duplicateKeys == ["k7"])
        #expect(error(long)?.mark == YAMLMark(line: 8, column: 1))
        #expect(error((0..<300).map { "k\($0): \($0)\n" }.joined()) == nil)
    }

    @Test func aSecondDocumentIsAnError() throws {
        let problem = try #require(error("title: А\n...\n---\ntitle: Б\n"))
        #expect(problem.problem == "but found another document")
        #expect(problem.mark == YAMLMark(line: 3, column: 1))
    }

    @Test func aSyntaxErrorSaysWhatWasBeingReadAndWhere() throws {
        let problem = try #require(error("title: \"Незакрытая\nsummary: x\n"))
        #expect(problem.problem == "found unexpected end of stream")
        #expect(problem.mark == YAMLMark(line: 3, column: 1))
        #expect(problem.context == "while scanning a quoted scalar")
        #expect(problem.contextMark == YAMLMark(line: 1, column: 8))
    }

    @Test func aByteOrderMarkOpeningAValueIsDropped() throws {
        let pairs = try #require(try compose("title: \u{FEFF}Практика\nsummary: а\u{FEFF}б\n").mapping)
        #expect(pairs[0].value.scalar == "Практика")
        #expect(pairs[1].value.scalar == "а\u{FEFF}б")
    }
}
