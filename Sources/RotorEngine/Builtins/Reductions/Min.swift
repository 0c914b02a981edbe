import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let min = Builtin.crossReduction(
    "min", .min,
    summary: "The smallest non-missing value.",
    formula:
      "min(x) = smallest non-missing value (pandas min); missing when x has none; min(list of series)[t] = smallest member value on date t",
    explanation: """
      The low of the period: SPY.last(1y).min() is the 52-week low close. Traders compare \
      the latest close with it to see how far a market has bounced. Pitfall: this is the \
      lowest close, not the lowest intraday low (use SPY.low.last(1y).min() for that). \
      Given a list of series, it takes the smallest member value on each date (a series).
      """,
    example: "SPY.last(1y).min()"
  ) { Kernels.min($0.values) }
}
