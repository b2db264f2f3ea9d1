/// A number as dtr writes it in messages: integral values without `.0` (`0`, `-3`), others as
/// the shortest text that reads back (`0.5`, `1.0526315789473684`, `nan`, `inf`).
func numberText(_ x: Double) -> String {
    if x.isNaN { return "nan" }
    if x.isInfinite { return x < 0 ? "-inf" : "inf" }
    if x == x.rounded(.towardZero), Swift.abs(x) < 9_007_199_254_740_992 { return String(Int64(x)) }
    return x.description
}
