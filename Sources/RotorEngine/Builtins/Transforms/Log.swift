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
  static let log = Builtin.elementwise(
    "log",
    summary: "Natural logarithm of each row (or of a number).",
    formula: "log(x)[t] = ln(x[t]); NaN for negative values, -inf for 0",
    explanation: """
      On a log scale equal percentage moves look equal, so log(price) is how long charts of \
      indexes are read, and differences of logs are log returns. Pitfall: it is only defined \
      for positive values; spreads, returns and oscillators can be negative.
      """,
    example: "log(SPY).diff(252).last()"
  ) { naturalLog($0) }
}

/// The C library's `log` (the name `log` inside `Builtin` is the built-in itself).
private func naturalLog(_ v: Double) -> Double { log(v) }
