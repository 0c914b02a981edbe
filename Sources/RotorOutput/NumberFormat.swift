import RotorCore

/// How numbers read: rounded for people, exact for machines.
public enum NumberFormat {
  /// For text output: about six significant digits, at least two decimals below a
  /// million, trailing zeros trimmed: `543.61`, `0.123457`, `2278.13`, `1213571`.
  public static func human(_ v: Double) -> String {
    if v.isNaN { return "NaN" }
    if v.isInfinite { return v < 0 ? "-inf" : "inf" }
    if v == 0 { return "0" }
    let magnitude = abs(v)
    if magnitude >= 1e15 || magnitude < 1e-4 { return scientific(v) }
    let integerDigits = magnitude < 1 ? 0 : Int(log10(magnitude)) + 1
    let decimals = max(integerDigits >= 7 ? 0 : 2, 6 - integerDigits)
    return trimmed(fixed(v, decimals))
  }

  /// For CSV and JSON: the shortest text that reads back as the same double.
  public static func exact(_ v: Double) -> String {
    Value.shortest(v)
  }

  /// Fixed-point text with `decimals` digits after the point (correctly rounded).
  public static func fixed(_ v: Double, _ decimals: Int) -> String {
    String(format: "%.\(decimals)f", v)
  }

  /// A percentage: `12.34%`.
  public static func percent(_ v: Double) -> String {
    v.isNaN ? "NaN" : fixed(v, 2) + "%"
  }

  private static func scientific(_ v: Double) -> String {
    String(format: "%.6g", v)
  }

  private static func trimmed(_ s: String) -> String {
    guard s.contains(".") else { return s }
    var t = Substring(s)
    while t.hasSuffix("0") { t = t.dropLast() }
    if t.hasSuffix(".") { t = t.dropLast() }
    return t == "-0" ? "0" : String(t)
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import Foundation
