@testable import BerthTUI
import CNcurses
import Testing

@Suite struct CursesKeyMapTests {
    @Test func rawModeBytesMapToKeys() {
        #expect(CursesKeyMap.key(forCharacter: 3) == .controlC)
        #expect(CursesKeyMap.key(forCharacter: 13) == .enter)
        #expect(CursesKeyMap.key(forCharacter: 10) == .enter)
        #expect(CursesKeyMap.key(forCharacter: 9) == .tab)
        #expect(CursesKeyMap.key(forCharacter: 27) == .escape)
        #expect(CursesKeyMap.key(forCharacter: 127) == .backspace)
        #expect(CursesKeyMap.key(forCharacter: 12) == .controlL)
        #expect(CursesKeyMap.key(forCharacter: 21) == .controlU)
        #expect(CursesKeyMap.key(forCharacter: 26) == nil)
    }

    @Test func wideCharactersMapToCharacters() {
        #expect(CursesKeyMap.key(forCharacter: 0x65E5) == .character("日"))
        #expect(CursesKeyMap.key(forCharacter: 0xE9) == .character("é"))
        #expect(CursesKeyMap.key(forCharacter: 0xD800) == nil)
    }

    @Test func functionKeysMapToKeys() {
        #expect(CursesKeyMap.key(forFunctionKey: KEY_UP) == .up)
        #expect(CursesKeyMap.key(forFunctionKey: KEY_BTAB) == .backTab)
        #expect(CursesKeyMap.key(forFunctionKey: KEY_NPAGE) == .pageDown)
        #expect(CursesKeyMap.key(forFunctionKey: KEY_F0 + 1) == .function(1))
        #expect(CursesKeyMap.key(forFunctionKey: KEY_DC) == .delete)
    }
}
