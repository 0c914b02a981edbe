import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let max = Builtin.crossReduction(
    "max", .max,
    summary: "The largest non-missing value.",
    formula:
      "max(x) = largest non-missing value (pandas max); missing when x has none; max(list of series)[t] = largest member value on date t",
    explanation: """
      The high of the period: SPY.last(1y).max() is the 52-week closing high, and \
      x.last() / x.max() − 1 is how far below it the market now trades. Pitfall: this is \
      the highest close, not the intraday high (use SPY.high.last(1y).max() for that). \
      Given a list of series, it takes the largest member value on each date (a series).
      """,
    example: "SPY.last(1y).max()"
  ) { Kernels.max($0.values) }
}
