import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let median = Builtin.crossReduction(
    "median", .median,
    summary: "The middle non-missing value.",
    formula:
      "median(x) = middle of the sorted non-missing values; mean of the two middle ones for an even count (pandas median); median(list of series)[t] = median of the members' values on date t",
    explanation: """
      The typical value, robust to outliers: the median daily return is not dragged by one \
      crash or squeeze day the way the mean is. Compare it with mean() to see whether a few \
      big days drive a result. Missing when x has no values. \
      Given a list of series, it takes the median across the members on each date (a series): the typical member, which one giant cannot drag.
      """,
    example: "NVDA.ret().last(1y).median()"
  ) { Kernels.median($0.values) }
}
