import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let spread = Builtin.pairwise(
    "spread",
    summary: "One series minus another, on their common dates.",
    formula: "spread(a,b)[t] = a[t] − b[t] for dates in both",
    explanation: """
      The gap between two series in their own units. On returns it is the outperformance: \
      spread(RSP.ret(20), SPY.ret(20)) above 0 means the equal-weight index beat the \
      cap-weighted one over the last 20 days. Pitfall: on raw prices it mostly reflects the \
      price levels; use ratio to compare two prices.
      """,
    example: "spread(IWM.ret(63), SPY.ret(63)).last()",
    .subtract
  )
}
