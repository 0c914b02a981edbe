import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let diff = Builtin.lagged(
    "diff",
    summary: "The change over n rows, in the series' own units.",
    formula: "diff(x,n)[t] = x[t] - x[t-n]; missing for the first n rows (pandas diff)",
    explanation: """
      The absolute change over n trading days: points for an index, dollars for a price, \
      counts for a breadth line. Useful on spreads and oscillators, where a percent change \
      makes no sense. Pitfall: on prices it is not comparable across symbols; use ret for that.
      """,
    example: "SPY.diff().since(2025-01-02).max()",
    kernel: Kernels.diff)
}
