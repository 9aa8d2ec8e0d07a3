import CNcurses
import Glibc

/// Display widths in terminal columns, measured with the C library's `wcwidth`.
///
/// Widths are measured under a UTF-8 `LC_CTYPE` of this thread's own
/// (`C.UTF-8`, else `en_US.UTF-8`) so the result does not depend on the
/// process locale, which is "C" in tests and under `LANG=C`.
public enum DisplayWidth {
    /// Returns the columns `text` takes; unprintable characters count as 0.
    public static func of(_ text: String) -> Int {
        var total = 0
        for character in text {
            total += of(character)
        }
        return total
    }

    /// Returns the columns one grapheme cluster takes: 0, 1 or 2.
    public static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }

        if first.isASCII {
            return first.value >= 0x20 && first.value != 0x7F ? 1 : 0
        }

        // The cluster's width is its first visible scalar's; combining marks and joiners add nothing.
        var width = 0
        for scalar in scalars {
            let scalarWidth = ofScalar(scalar)
            if scalarWidth > 0 {
                width = scalarWidth
                break
            }
        }

        // U+FE0F selects the emoji presentation, which terminals draw two columns wide.
        if width == 1 && scalars.contains(where: { $0.value == 0xFE0F }) {
            width = 2
        }
        return width
    }

    /// Returns `wcwidth` of one scalar, or -1 when it is not printable.
    public static func ofScalar(_ scalar: Unicode.Scalar) -> Int {
        if scalar.isASCII {
            return scalar.value >= 0x20 && scalar.value != 0x7F ? 1 : -1
        }

        guard let locale = utf8Locale.handle else {
            return fallbackWidth(scalar)
        }

        let previous = uselocale(locale)
        let width = Int(berth_wcwidth(wchar_t(bitPattern: scalar.value)))
        uselocale(previous)
        return width
    }

    /// Returns whether `character` can be drawn as it is (every scalar has a width of 0 or more).
    public static func isPrintable(_ character: Character) -> Bool {
        for scalar in character.unicodeScalars {
            if ofScalar(scalar) < 0 {
                return false
            }
        }
        return true
    }

    private final class LocaleHandle: @unchecked Sendable {
        let handle: locale_t?

        init() {
            var found: locale_t?
            for name in ["C.UTF-8", "C.utf8", "en_US.UTF-8"] {
                if let locale = newlocale(LC_CTYPE_MASK, name, nil) {
                    found = locale
                    break
                }
            }
            handle = found
        }
    }

    private static let utf8Locale = LocaleHandle()

    /// Approximates widths when no UTF-8 locale is installed: East Asian wide blocks and emoji count 2.
    private static func fallbackWidth(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .unassigned {
            return -1
        }
        if scalar.properties.generalCategory == .nonspacingMark || scalar.properties.generalCategory == .format {
            return 0
        }
        let wideRanges: [ClosedRange<UInt32>] = [
            0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD,
        ]
        return wideRanges.contains { $0.contains(value) } ? 2 : 1
    }
}
