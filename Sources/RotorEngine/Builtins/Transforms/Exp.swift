import RotorCore
import RotorData
import RotorOutput

#if canImport(Darwin)
  import Darwin
#elseif canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

extension Builtin {
  static let exp = Builtin.elementwise(
    "exp",
    summary: "e raised to each row (or to a number).",
    formula: "exp(x)[t] = e^x[t]; +inf above ~709.78, 0 below ~-745",
    explanation: """
      The inverse of log: exp(cumsum(logret(x))) turns summed log returns back into a growth \
      factor (1.2 = up 20%). Pitfall: it overflows to inf for large inputs, so apply it to \
      log returns or small numbers, not to prices.
      """,
    example: "SPY.logret().since(2025-01-02).cumsum().exp().last()"
  ) { naturalExp($0) }
}

/// The C library's `exp` (the name `exp` inside `Builtin` is the built-in itself).
private func naturalExp(_ v: Double) -> Double { exp(v) }
