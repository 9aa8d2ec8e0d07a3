/// Number literals rewritten in plain decimal form, without losing digits.
enum NumberText {
    /// The largest exponent accepted, so `1e999999999` cannot expand into a huge string.
    static let maximumExponent = 1000

    /// Returns `text` as plain decimal (`03` → `3`, `1.50e1` → `15`, `-0` → `0`), or nil when it
    /// is not a decimal number or its exponent is beyond `maximumExponent`.
    static func canonical(_ text: String) -> String? {
        var characters = Substring(text)
        var negative = false
        if let sign = characters.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            characters = characters.dropFirst()
        }

        let integerDigits = characters.prefix { $0.isASCII && $0.isNumber }
        characters = characters.dropFirst(integerDigits.count)
        var fractionDigits = Substring("")
        if characters.first == "." {
            characters = characters.dropFirst()
            fractionDigits = characters.prefix { $0.isASCII && $0.isNumber }
            characters = characters.dropFirst(fractionDigits.count)
        }
        guard !(integerDigits.isEmpty && fractionDigits.isEmpty) else { return nil }

        var exponent = 0
        if let marker = characters.first, marker == "e" || marker == "E" {
            guard let value = Int(characters.dropFirst()), abs(value) <= maximumExponent else { return nil }
            exponent = value
        } else if !characters.isEmpty {
            return nil
        }

        var digits = Array(integerDigits + fractionDigits)
        var point = integerDigits.count + exponent
        if point < 0 {
            digits.insert(contentsOf: repeatElement("0", count: -point), at: 0)
            point = 0
        }
        if point > digits.count { digits.append(contentsOf: repeatElement("0", count: point - digits.count)) }

        let integerPart = String(digits[..<point].drop { $0 == "0" })
        var fractionPart = digits[point...]
        while fractionPart.last == "0" { fractionPart = fractionPart.dropLast() }
        let magnitude = (integerPart.isEmpty ? "0" : integerPart) + (fractionPart.isEmpty ? "" : "." + String(fractionPart))
        return negative && magnitude != "0" ? "-" + magnitude : magnitude
    }
}
