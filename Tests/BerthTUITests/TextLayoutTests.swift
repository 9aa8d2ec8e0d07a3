import BerthTUI
import Testing

@Suite struct TextLayoutTests {
    static let wideAddress = "module.svc[\"café-日本\"].aws_ecs_service.this"

    @Test func widthCountsWideCharactersTwice() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("日本") == 4)
        #expect(DisplayWidth.of("café") == 4)
        #expect(DisplayWidth.of(Self.wideAddress) == 44)
    }

    @Test func widthOfDecomposedAccentIsOne() {
        let decomposed = "cafe\u{301}"
        #expect(DisplayWidth.of(decomposed) == 4)
    }

    @Test func widthOfEmojiIsTwo() {
        #expect(DisplayWidth.of("🚀") == 2)
        #expect(DisplayWidth.of("❤️") == 2)
        #expect(DisplayWidth.of("👩‍💻") == 2)
    }

    @Test func widthOfControlCharacterIsZero() {
        #expect(DisplayWidth.of("\u{7}") == 0)
        #expect(DisplayWidth.isPrintable("\u{1B}") == false)
    }

    @Test func truncateKeepsWidthAndAddsEllipsis() {
        let cut = TextLayout.truncate(Self.wideAddress, to: 20)
        #expect(cut == "module.svc[\"café-日…")
        #expect(DisplayWidth.of(cut) <= 20)
    }

    @Test func truncateNeverSplitsWideCharacter() {
        // "ab日本" at width 4: "ab" + "…" fits 3, "ab日" would need 4 + 1.
        #expect(TextLayout.truncate("ab日本", to: 4) == "ab…")
        #expect(TextLayout.truncate("ab日本", to: 6) == "ab日本")
    }

    @Test func truncateKeepsGraphemeClusters() {
        let family = "👩‍💻👩‍💻👩‍💻"
        let cut = TextLayout.truncate(family, to: 5)
        #expect(cut == "👩‍💻👩‍💻…")
        #expect(cut.unicodeScalars.last == "…")
    }

    @Test func truncateHeadKeepsTail() {
        let cut = TextLayout.truncateHead(Self.wideAddress, to: 24)
        #expect(cut == "…\"].aws_ecs_service.this")
        #expect(DisplayWidth.of(cut) == 24)
    }

    @Test func wrapBreaksAtSpacesByWidth() {
        let lines = TextLayout.wrap("日本語 の テキスト を 折り返す", width: 10)
        #expect(lines == ["日本語 の", "テキスト", "を", "折り返す"])
        for line in lines {
            #expect(DisplayWidth.of(line) <= 10)
        }
    }

    @Test func wrapSplitsLongWordAndKeepsNewlines() {
        let lines = TextLayout.wrap("abcdefghij klm\n\n  ID: 3f2b", width: 6)
        #expect(lines == ["abcdef", "ghij", "klm", "", "  ID:", "3f2b"])
    }

    @Test func wrapLosesNoText() {
        let text = "Error message: ConditionalCheckFailedException: The conditional request failed 🚀 module.svc[\"café-日本\"]"
        let lines = TextLayout.wrap(text, width: 13)
        #expect(lines.joined().replacingSpaces() == text.replacingSpaces())
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 13 })
    }

    @Test func cleanerEscapesControlCharacters() {
        let cleaner = TextCleaner(unicode: true)
        #expect(cleaner.clean("a\u{1B}[31mb") == "a\\u{1B}[31mb")
        #expect(cleaner.clean("tab\there") == "tab  here")
    }

    @Test func cleanerEscapesNonASCIIWithoutUTF8() {
        let cleaner = TextCleaner(unicode: false)
        #expect(cleaner.clean("café-日本") == "caf\\u{E9}-\\u{65E5}\\u{672C}")
        #expect(cleaner.clean("🚀") == "\\u{1F680}")
    }

    @Test func cleanerKeepsUnicodeInUTF8() {
        let cleaner = TextCleaner(unicode: true)
        #expect(cleaner.clean(Self.wideAddress) == Self.wideAddress)
    }

    @Test func cleanerEscapesFormatCharactersInUTF8() {
        let cleaner = TextCleaner(unicode: true)

        #expect(cleaner.clean("octo\u{200B}-example\u{202E}") == "octo\\u{200B}-example\\u{202E}")
        #expect(cleaner.clean("\u{FEFF}x\u{2066}y\u{2069}") == "\\u{FEFF}x\\u{2066}y\\u{2069}")
        #expect(cleaner.clean("a\u{200D}b") == "a\\u{200D}b")
    }

    @Test func cleanerKeepsEmojiJoiner() {
        let developer = "\u{1F469}\u{200D}\u{1F4BB}"

        #expect(TextCleaner(unicode: true).clean(developer) == developer)
    }
}

private extension String {
    func replacingSpaces() -> String {
        filter { $0 != " " }
    }
}
